-- The walking skeleton's star: one fact at order-line grain, three dimensions, and the
-- bookkeeping that makes the load exactly-once. Every changing row carries the source
-- position (the PostgreSQL LSN of its change) so a re-delivered or out-of-date change
-- can never overwrite a newer one. Deleted source rows are kept as flagged tombstones
-- for the same reason: a late duplicate of an insert must not resurrect them.

CREATE TABLE IF NOT EXISTS dim_customer (
    customer_id  BIGINT PRIMARY KEY,     -- natural key; surrogate keys arrive with SCD2
    email        VARCHAR,
    full_name    VARCHAR,
    country      VARCHAR,
    created_at   TIMESTAMPTZ,
    source_lsn   BIGINT  NOT NULL,
    is_deleted   BOOLEAN NOT NULL,
    -- Standardized contact details (etl-core's Standardize rule); email above stays as the shop
    -- has it, so the warehouse still reconciles with the source.
    email_std            VARCHAR,            -- trimmed, lower-case; NULL if blank
    phone_e164           VARCHAR,            -- +<country code><number>; NULL if unreadable
    contact_standardized BOOLEAN             -- email or phone differed from its standard form
);

-- A warehouse file made before the standardized columns existed gets them here, at the end as
-- above: the sink stages customers by column position.
ALTER TABLE dim_customer ADD COLUMN IF NOT EXISTS email_std VARCHAR;
ALTER TABLE dim_customer ADD COLUMN IF NOT EXISTS phone_e164 VARCHAR;
ALTER TABLE dim_customer ADD COLUMN IF NOT EXISTS contact_standardized BOOLEAN;

CREATE TABLE IF NOT EXISTS dim_product (
    product_id   BIGINT PRIMARY KEY,
    sku          VARCHAR,
    name         VARCHAR,
    category     VARCHAR,
    unit_price   DECIMAL(12,2),
    source_lsn   BIGINT  NOT NULL,
    is_deleted   BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS dim_date (
    date_key     INTEGER PRIMARY KEY,    -- yyyymmdd, UTC calendar
    full_date    DATE     NOT NULL,
    year         SMALLINT NOT NULL,
    quarter      TINYINT  NOT NULL,
    month        TINYINT  NOT NULL,
    month_name   VARCHAR  NOT NULL,
    day_of_month TINYINT  NOT NULL,
    day_of_week  TINYINT  NOT NULL,      -- ISO: Monday = 1
    is_weekend   BOOLEAN  NOT NULL
);

-- Latest known state of each order header. Lines and headers travel on different topics and
-- may land in different micro-batches; the fact takes its order-level columns from here.
CREATE TABLE IF NOT EXISTS stg_order (
    order_id     BIGINT PRIMARY KEY,
    customer_id  BIGINT,
    status       VARCHAR,
    ordered_at   TIMESTAMPTZ,
    date_key     INTEGER,
    source_lsn   BIGINT  NOT NULL,
    is_deleted   BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS fact_order_line (
    order_id     BIGINT  NOT NULL,       -- degenerate dimension
    line_no      INTEGER NOT NULL,
    customer_id  BIGINT,                 -- NULL until the order header has arrived
    product_id   BIGINT,
    date_key     INTEGER,
    order_status VARCHAR,
    quantity     INTEGER,
    unit_price   DECIMAL(12,2),
    amount       DECIMAL(14,2),
    source_lsn   BIGINT  NOT NULL,
    is_deleted   BOOLEAN NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE IF NOT EXISTS etl_batch_ledger (
    pipeline_id  VARCHAR NOT NULL,       -- one per Spark checkpoint; batch ids restart with it
    batch_id     BIGINT  NOT NULL,
    applied_at   TIMESTAMPTZ NOT NULL,
    events       BIGINT  NOT NULL,
    duplicates   BIGINT  NOT NULL,       -- the same change twice within the batch
    stale        BIGINT  NOT NULL,       -- changes no newer than the warehouse row: re-deliveries
    dead_letters BIGINT  NOT NULL,
    PRIMARY KEY (pipeline_id, batch_id)
);

CREATE TABLE IF NOT EXISTS etl_source_offset (
    topic           VARCHAR NOT NULL,
    kafka_partition INTEGER NOT NULL,
    last_offset     BIGINT  NOT NULL,    -- highest Kafka offset applied
    PRIMARY KEY (topic, kafka_partition)
);

CREATE TABLE IF NOT EXISTS dead_letter (
    topic           VARCHAR NOT NULL,
    kafka_partition INTEGER NOT NULL,
    kafka_offset    BIGINT  NOT NULL,
    reason          VARCHAR NOT NULL,
    raw_value       VARCHAR,
    recorded_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (topic, kafka_partition, kafka_offset)
);
