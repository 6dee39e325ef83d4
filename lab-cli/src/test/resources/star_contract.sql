-- A copy of STAR_CONTRACT.sql (the star the ETL v2 fills), for the catalog and bench ITs until
-- the ETL's own DDL lands in the warehouse module; then the ITs should use that instead.
-- The star (Kimball). Grain and keys are the contract every query in the catalog relies on.
-- Surrogate keys are deterministic: hash(natural key, valid_from) folded to a positive BIGINT,
-- so the streamed warehouse and a backfilled one are identical. Key 0 (or -1) = "Unknown" member.
-- Money is DECIMAL; *_rpt columns are in the reporting currency EUR, converted with the FX file.

CREATE TABLE dim_date (
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

CREATE TABLE dim_geography (
    geography_key INTEGER PRIMARY KEY,   -- 0 = Unknown
    country_code  VARCHAR NOT NULL,      -- ISO 3166-1 alpha-2, '??' for Unknown
    country_name  VARCHAR NOT NULL,
    market_region VARCHAR NOT NULL       -- 'Europe', 'North America', 'South America', 'Asia', 'Oceania', 'Unknown'
);

CREATE TABLE dim_channel (
    channel_key  INTEGER PRIMARY KEY,    -- = shop channel_id; 0 = Unknown
    channel_code VARCHAR NOT NULL,       -- web | app | store
    channel_name VARCHAR NOT NULL
);

CREATE TABLE dim_store (
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
CREATE TABLE dim_customer (
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
CREATE TABLE customer_id_map (
    source_customer_id BIGINT,             -- NULL for a card-only member
    loyalty_card       VARCHAR,
    customer_id        BIGINT NOT NULL,    -- conformed id
    match_rule         VARCHAR NOT NULL    -- self | email | name+birth_date+postcode | loyalty_card
);

-- SCD2: a new version when the price or the category changes.
CREATE TABLE dim_product (
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
CREATE TABLE fact_sales (
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
    fx_rate_to_rpt    DECIMAL(18,8) NOT NULL,   -- local -> EUR at the order date
    net_amount_rpt    DECIMAL(14,2) NOT NULL,   -- EUR
    cost_amount_rpt   DECIMAL(14,2),            -- quantity * unit cost, EUR; NULL when unknown
    PRIMARY KEY (order_id, line_no)
);

-- Accumulating snapshot: one row per order, updated as it moves.
CREATE TABLE fact_order_fulfillment (
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
    repaired          BOOLEAN NOT NULL          -- a missing event was repaired from PostgreSQL
);

-- Periodic snapshot: every store x every day in dim_date's range, zero rows included.
CREATE TABLE fact_daily_store_sales (
    date_key          INTEGER NOT NULL,
    store_key         INTEGER NOT NULL,
    orders            INTEGER NOT NULL,
    units             INTEGER NOT NULL,
    net_amount_rpt    DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (date_key, store_key)
);

-- Feature store: one row per conformed customer.
CREATE TABLE feature_customer (
    customer_id       BIGINT PRIMARY KEY,
    recency_days      INTEGER,                  -- days from the last order to the data's last day
    frequency         INTEGER NOT NULL,         -- orders, cancelled excluded
    monetary_rpt      DECIMAL(14,2) NOT NULL,   -- net EUR, cancelled excluded
    tenure_days       INTEGER,                  -- sign-up -> data's last day
    segment           VARCHAR NOT NULL,
    rfm_segment       VARCHAR NOT NULL          -- e.g. 'champion', 'at risk', 'lost', 'new'
);
