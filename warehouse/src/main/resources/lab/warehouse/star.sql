-- The star (Kimball), built from the conformed change layer (changes.sql) by the star's steps (star/*.sql). Grain and keys are the contract every query in the catalog relies on.
-- Surrogate keys are deterministic: hash(natural key, valid_from) folded to a positive BIGINT,
-- so the streamed warehouse and a backfilled one are identical. Key 0 (or -1) = "Unknown" member.
-- Money is DECIMAL; *_rpt columns are in the reporting currency EUR, converted with the FX file.

CREATE TABLE IF NOT EXISTS dim_date (
    date_key     INTEGER PRIMARY KEY,    -- yyyymmdd, UTC calendar
    full_date    DATE     NOT NULL,
    year         SMALLINT NOT NULL,
    quarter      TINYINT  NOT NULL,
    month        TINYINT  NOT NULL,
    month_name   VARCHAR  NOT NULL,      -- 'January'
    year_month   INTEGER  NOT NULL,      -- 202411
    week_of_year TINYINT  NOT NULL,      -- ISO week
    day_of_month TINYINT  NOT NULL,
    day_of_week  TINYINT  NOT NULL,      -- ISO: Monday = 1
    day_name     VARCHAR  NOT NULL,
    is_weekend   BOOLEAN  NOT NULL
);

CREATE TABLE IF NOT EXISTS dim_geography (
    geography_key INTEGER PRIMARY KEY,   -- 0 = Unknown
    country_code  VARCHAR NOT NULL,      -- ISO 3166-1 alpha-2, '??' for Unknown
    country_name  VARCHAR NOT NULL,
    market_region VARCHAR NOT NULL       -- 'Europe', 'North America', 'South America', 'Asia', 'Oceania', 'Unknown'
);

CREATE TABLE IF NOT EXISTS dim_channel (
    channel_key  INTEGER PRIMARY KEY,    -- = shop channel_id; 0 = Unknown
    channel_code VARCHAR NOT NULL,       -- web | app | store
    channel_name VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS dim_store (
    store_key     INTEGER PRIMARY KEY,   -- = shop store_id; 0 = "no store" (online orders)
    store_code    VARCHAR NOT NULL,
    store_name    VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,      -- store | warehouse | none
    city          VARCHAR NOT NULL,
    geography_key INTEGER NOT NULL,
    currency_code VARCHAR NOT NULL,
    opened_at     TIMESTAMPTZ
);

-- SCD2: a new version when the customer's address (country/city/postcode) or segment changes.
CREATE TABLE IF NOT EXISTS dim_customer (
    customer_key      BIGINT PRIMARY KEY,  -- 0 = Unknown (orders with neither customer nor card)
    customer_id       BIGINT  NOT NULL,    -- conformed id: the surviving id of a duplicate group
    email_std         VARCHAR,             -- trimmed, lower-case; NULL when erased
    full_name         VARCHAR,             -- 'Erased' after erasure
    phone_e164        VARCHAR,
    birth_date        DATE,
    segment           VARCHAR NOT NULL,    -- consumer | business | vip | Unknown
    city              VARCHAR NOT NULL,    -- 'Unknown' when no address
    postcode          VARCHAR,
    geography_key     INTEGER NOT NULL,
    signed_up_at      TIMESTAMPTZ,
    valid_from        TIMESTAMPTZ NOT NULL,
    valid_to          TIMESTAMPTZ,         -- NULL for the current version
    is_current        BOOLEAN NOT NULL,
    is_inferred       BOOLEAN NOT NULL,    -- placeholder for a member not yet delivered (loyalty card)
    is_erased         BOOLEAN NOT NULL,
    segment_filled    BOOLEAN NOT NULL,    -- a *_filled flag says the value was filled, not given
    geography_filled  BOOLEAN NOT NULL
);

-- Duplicate persons: every shop customer id (and loyalty card) -> the conformed customer_id.
CREATE TABLE IF NOT EXISTS customer_id_map (
    source_customer_id BIGINT,             -- NULL for a card-only member
    loyalty_card       VARCHAR,
    customer_id        BIGINT NOT NULL,    -- conformed id
    match_rule         VARCHAR NOT NULL    -- self | email | name+birth_date+postcode | loyalty_card
);

-- SCD2: a new version when the price or the category changes.
CREATE TABLE IF NOT EXISTS dim_product (
    product_key       BIGINT PRIMARY KEY,  -- 0 = Unknown
    product_id        BIGINT  NOT NULL,
    sku               VARCHAR NOT NULL,
    product_name      VARCHAR NOT NULL,
    category          VARCHAR NOT NULL,    -- leaf category, 'Unknown' when not categorised
    parent_category   VARCHAR NOT NULL,
    supplier_name     VARCHAR NOT NULL,
    supplier_country  VARCHAR NOT NULL,    -- ISO alpha-2
    supplier_region   VARCHAR NOT NULL,    -- EU-West | EU-North | Asia | Americas | Unknown
    list_price_eur    DECIMAL(12,2),
    unit_cost_eur     DECIMAL(12,2),
    valid_from        TIMESTAMPTZ NOT NULL,
    valid_to          TIMESTAMPTZ,
    is_current        BOOLEAN NOT NULL,
    is_inferred       BOOLEAN NOT NULL,
    category_filled   BOOLEAN NOT NULL
);

-- Grain: one order line. Deleted/cancelled lines stay with their status; measures exact.
CREATE TABLE IF NOT EXISTS fact_sales (
    order_id          BIGINT  NOT NULL,    -- degenerate dimension
    line_no           INTEGER NOT NULL,
    date_key          INTEGER NOT NULL,    -- order date (UTC)
    customer_key      BIGINT  NOT NULL,    -- version in force at ordered_at
    product_key       BIGINT  NOT NULL,
    store_key         INTEGER NOT NULL,
    channel_key       INTEGER NOT NULL,
    geography_key     INTEGER NOT NULL,    -- the customer's (or the store's) country at order time
    order_status      VARCHAR NOT NULL,    -- placed | paid | shipped | delivered | cancelled | returned
    currency_code     VARCHAR NOT NULL,    -- ISO 4217 of the order
    quantity          INTEGER NOT NULL,
    discount_pct      SMALLINT NOT NULL,
    unit_price        DECIMAL(12,2) NOT NULL,   -- local currency
    gross_amount      DECIMAL(14,2) NOT NULL,   -- quantity * unit_price, local
    net_amount        DECIMAL(14,2) NOT NULL,   -- after discount, local
    fx_rate_to_rpt    DECIMAL(18,8),            -- units of the currency per EUR at the order date; NULL: no rate known
    net_amount_rpt    DECIMAL(14,2),            -- EUR; NULL when no rate is known
    cost_amount_rpt   DECIMAL(14,2),            -- quantity * unit cost, EUR; NULL when unknown
    PRIMARY KEY (order_id, line_no)
);

-- Accumulating snapshot: one row per order, updated as it moves.
CREATE TABLE IF NOT EXISTS fact_order_fulfillment (
    order_id          BIGINT PRIMARY KEY,
    customer_key      BIGINT  NOT NULL,
    store_key         INTEGER NOT NULL,
    channel_key       INTEGER NOT NULL,
    placed_date_key   INTEGER NOT NULL,
    order_status      VARCHAR NOT NULL,
    placed_at         TIMESTAMPTZ NOT NULL,
    paid_at           TIMESTAMPTZ,
    shipped_at        TIMESTAMPTZ,
    delivered_at      TIMESTAMPTZ,
    cancelled_at      TIMESTAMPTZ,
    returned_at       TIMESTAMPTZ,
    hours_to_pay      DECIMAL(10,2),
    hours_to_ship     DECIMAL(10,2),            -- paid -> shipped
    hours_to_deliver  DECIMAL(10,2),            -- shipped -> delivered
    hours_placed_to_delivered DECIMAL(10,2),
    lines             INTEGER NOT NULL,
    order_amount_rpt  DECIMAL(14,2) NOT NULL,
    refunded_amount_rpt DECIMAL(14,2) NOT NULL,
    repaired          BOOLEAN NOT NULL          -- a payment or shipment is the ETL's re-read from PostgreSQL
);

-- Periodic snapshot: every store x every day in dim_date's range, zero rows included.
CREATE TABLE IF NOT EXISTS fact_daily_store_sales (
    date_key          INTEGER NOT NULL,
    store_key         INTEGER NOT NULL,
    orders            INTEGER NOT NULL,
    units             INTEGER NOT NULL,
    net_amount_rpt    DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (date_key, store_key)
);

-- Feature store (the seed's load_to_feature_store): the stream refreshes the base table for the
-- customers a batch touches; the view adds what depends on the data's last day, so no row goes
-- stale when other customers' orders move that day forward.
CREATE TABLE IF NOT EXISTS customer_activity (
    customer_id       BIGINT PRIMARY KEY,       -- conformed id
    signed_up_at      TIMESTAMPTZ,
    first_order_at    TIMESTAMPTZ,
    last_order_at     TIMESTAMPTZ,
    frequency         INTEGER NOT NULL,         -- orders, cancelled excluded
    monetary_rpt      DECIMAL(14,2) NOT NULL,   -- net EUR, cancelled excluded
    segment           VARCHAR NOT NULL
);

-- Bookkeeping: what makes the load exactly-once, and where bad records go.
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

-- Freshness: how long each change took from its commit in the shop (Debezium's source.ts_ms) to
-- the batch that applied it here, counted per batch in buckets of 10 ms below 10 s and 1 s above.
-- lab status turns the recent buckets into percentiles (see Freshness.java).
CREATE TABLE IF NOT EXISTS etl_freshness (
    pipeline_id  VARCHAR NOT NULL,
    batch_id     BIGINT  NOT NULL,
    applied_at   TIMESTAMPTZ NOT NULL,   -- when the batch's transaction was about to commit
    lag_ms       BIGINT  NOT NULL,       -- the bucket's lower bound
    changes      BIGINT  NOT NULL
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

-- Orders whose history has a gap (e.g. shipped without a payment) and how each was repaired.
CREATE TABLE IF NOT EXISTS etl_repair_log (
    order_id     BIGINT NOT NULL,
    gap          VARCHAR NOT NULL,
    detected_at  TIMESTAMPTZ NOT NULL,
    repaired_at  TIMESTAMPTZ,
    outcome      VARCHAR,
    PRIMARY KEY (order_id, gap)
);

-- Recency and tenure count to the data's last day (dim_date's), not to the wall clock, so the same
-- data always gives the same features. The RFM rule is deliberately simple and readable.
CREATE VIEW IF NOT EXISTS feature_customer AS
WITH as_of AS (SELECT max(full_date) AS last_day FROM dim_date)
SELECT a.customer_id,
       CAST(date_diff('day', CAST(a.last_order_at AS DATE), as_of.last_day) AS INTEGER) AS recency_days,
       a.frequency,
       a.monetary_rpt,
       CAST(date_diff('day', CAST(a.signed_up_at AS DATE), as_of.last_day) AS INTEGER) AS tenure_days,
       a.segment,
       CASE
         WHEN a.frequency = 0 OR date_diff('day', CAST(a.last_order_at AS DATE), as_of.last_day) > 365 THEN 'lost'
         WHEN date_diff('day', CAST(a.signed_up_at AS DATE), as_of.last_day) <= 90 THEN 'new'
         WHEN date_diff('day', CAST(a.last_order_at AS DATE), as_of.last_day) <= 30 AND a.frequency >= 5 THEN 'champion'
         WHEN date_diff('day', CAST(a.last_order_at AS DATE), as_of.last_day) > 90 AND a.frequency >= 2 THEN 'at risk'
         WHEN a.frequency >= 5 THEN 'loyal'
         ELSE 'regular'
       END AS rfm_segment
FROM customer_activity a, as_of;
