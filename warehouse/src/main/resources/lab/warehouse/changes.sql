-- The conformed change layer: the latest state of every captured shop row, as the shop has it plus
-- the standardized columns Spark added. Each row carries the source position (source_lsn) and the
-- commit time (source_ts) of the change that wrote it; a change is applied only if it is newer
-- than the row (see lab.warehouse.sink.ChangeMerge), which is what makes re-delivered and
-- out-of-order duplicates harmless. Deleted source rows stay as flagged tombstones, so a late
-- duplicate of an insert cannot resurrect them. The star (star.sql) is built from these tables.
--
-- Columns are read from the change rows by name, so their order here does not matter.

CREATE TABLE IF NOT EXISTS cur_currencies (
    currency_code VARCHAR PRIMARY KEY, name VARCHAR, minor_units SMALLINT,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_sales_channels (
    channel_id SMALLINT PRIMARY KEY, code VARCHAR, name VARCHAR,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_categories (
    category_id INTEGER PRIMARY KEY, parent_id INTEGER, name VARCHAR,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_suppliers (
    supplier_id INTEGER PRIMARY KEY, name VARCHAR, country VARCHAR, region VARCHAR,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_stores (
    store_id INTEGER PRIMARY KEY, store_code VARCHAR, name VARCHAR, kind VARCHAR, city VARCHAR,
    country VARCHAR, currency_code VARCHAR, currency_std VARCHAR, opened_at TIMESTAMPTZ,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_customers (
    customer_id BIGINT PRIMARY KEY, email VARCHAR, full_name VARCHAR, country VARCHAR,
    phone VARCHAR, birth_date DATE, segment VARCHAR, erased_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ,
    email_std VARCHAR, phone_e164 VARCHAR, contact_standardized BOOLEAN,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_customer_addresses (
    address_id BIGINT PRIMARY KEY, customer_id BIGINT, street VARCHAR, postcode VARCHAR,
    city VARCHAR, region VARCHAR, country VARCHAR, country_code VARCHAR,
    valid_from TIMESTAMPTZ, valid_to TIMESTAMPTZ,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_crm_customer_imports (
    import_id BIGINT PRIMARY KEY, loyalty_card VARCHAR, email VARCHAR, full_name VARCHAR,
    phone VARCHAR, birth_date VARCHAR, postcode VARCHAR, country VARCHAR, registered_at VARCHAR,
    imported_at TIMESTAMPTZ,
    email_std VARCHAR, country_code VARCHAR, phone_e164 VARCHAR, birth_date_std DATE,
    registered_at_utc TIMESTAMPTZ, registered_at_unreadable BOOLEAN, birth_date_unreadable BOOLEAN,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_products (
    product_id BIGINT PRIMARY KEY, sku VARCHAR, name VARCHAR, category VARCHAR,
    unit_price DECIMAL(12,2), category_id INTEGER, supplier_id INTEGER, unit_cost DECIMAL(12,2),
    updated_at TIMESTAMPTZ,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_product_prices (
    product_id BIGINT, valid_from TIMESTAMPTZ, unit_price DECIMAL(12,2),
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL,
    PRIMARY KEY (product_id, valid_from));

CREATE TABLE IF NOT EXISTS cur_inventory (
    store_id INTEGER, product_id BIGINT, on_hand INTEGER, updated_at TIMESTAMPTZ,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL,
    PRIMARY KEY (store_id, product_id));

CREATE TABLE IF NOT EXISTS cur_orders (
    order_id BIGINT PRIMARY KEY, customer_id BIGINT, status VARCHAR, ordered_at TIMESTAMPTZ,
    updated_at TIMESTAMPTZ, channel_id SMALLINT, store_id INTEGER, currency_code VARCHAR,
    currency_std VARCHAR, loyalty_card VARCHAR,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_order_items (
    order_id BIGINT, line_no INTEGER, product_id BIGINT, quantity INTEGER,
    unit_price DECIMAL(12,2), discount_pct SMALLINT,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL,
    PRIMARY KEY (order_id, line_no));

CREATE TABLE IF NOT EXISTS cur_payments (
    payment_id BIGINT PRIMARY KEY, order_id BIGINT, method VARCHAR, amount DECIMAL(12,2),
    currency_code VARCHAR, currency_std VARCHAR, status VARCHAR, paid_at TIMESTAMPTZ,
    refunded_at TIMESTAMPTZ,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_shipments (
    shipment_id BIGINT PRIMARY KEY, order_id BIGINT, carrier VARCHAR, tracking_no VARCHAR,
    shipped_at TIMESTAMPTZ, delivered_at TIMESTAMPTZ,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

CREATE TABLE IF NOT EXISTS cur_returns (
    return_id BIGINT PRIMARY KEY, order_id BIGINT, line_no INTEGER, quantity INTEGER,
    reason VARCHAR, refund_amount DECIMAL(12,2), returned_at TIMESTAMPTZ,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL);

-- Every version of a customer and of a product, not only the latest: SCD2 needs the history.
-- Keyed by source position, so a re-delivered change is stored once.
CREATE TABLE IF NOT EXISTS hist_customers (
    customer_id BIGINT, segment VARCHAR, erased_at TIMESTAMPTZ, created_at TIMESTAMPTZ,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL,
    PRIMARY KEY (customer_id, source_lsn));

CREATE TABLE IF NOT EXISTS hist_products (
    product_id BIGINT, category_id INTEGER, category VARCHAR, supplier_id INTEGER,
    unit_cost DECIMAL(12,2), updated_at TIMESTAMPTZ,
    source_lsn BIGINT NOT NULL, source_ts TIMESTAMPTZ, is_deleted BOOLEAN NOT NULL,
    PRIMARY KEY (product_id, source_lsn));

-- The second source: FX rates from the file drop, one row per currency and day (units of the
-- currency per 1 EUR).
CREATE TABLE IF NOT EXISTS fx_rate (
    currency_code VARCHAR, rate_date DATE, units_per_eur DECIMAL(18,8) NOT NULL,
    source_file VARCHAR NOT NULL,
    PRIMARY KEY (currency_code, rate_date));
