-- The shop's OLTP schema (V1 + V2 of lab/shop/migrations) for DuckDB, so the OLTP driver can run
-- the same transactions on a column store. Same tables, columns, keys, foreign keys, UNIQUE and
-- CHECK constraints, with these differences, each because DuckDB does not support the original:
--   * identity columns are BIGINT with DEFAULT nextval('<table>_<column>_seq'); the copier creates
--     each sequence before this script, starting after the largest id it copies;
--   * TEXT and CHAR(n) are VARCHAR (DuckDB has no fixed-length CHAR; lengths are checked where the
--     original checked a pattern); NUMERIC(12,2) is DECIMAL(12,2); timestamptz is TIMESTAMPTZ;
--   * the regex CHECKs use regexp_full_match instead of the ~ operator;
--   * order_items -> orders has no ON DELETE CASCADE (DuckDB has no referential actions);
--   * orders lacks its two CHECKs over several columns (orders_customer_or_card_chk,
--     orders_store_channel_chk): with one, DuckDB runs every UPDATE of orders as a DELETE plus
--     an INSERT, which the foreign keys from order_items, payments and shipments then refuse
--     ("still referenced by a foreign key"; measured with DuckDB 2.0). Payment and delivery must
--     update orders.status. The copied rows obey both rules (PostgreSQL enforced them) and the
--     driver's new orders obey them by construction, but nothing here enforces them;
--   * the partial unique index customer_addresses_current_uq (one current address per customer)
--     is left out: DuckDB has no partial indexes; the OLTP driver does not move customers;
--   * categories_parent_name_uq, an expression index, is a plain UNIQUE (parent_id, name), which
--     lets two top-level categories share a name (NULL parent ids are distinct);
--   * the secondary indexes are the same as PostgreSQL's (ART instead of B-tree), at the end.
-- Only the copier (lab.bench.oltp.DuckDbShopCopy) runs this script, into a fresh file.

CREATE TABLE currencies (
    currency_code VARCHAR  PRIMARY KEY CHECK (regexp_full_match(currency_code, '[A-Z]{3}')),
    name          VARCHAR  NOT NULL,
    minor_units   SMALLINT NOT NULL CHECK (minor_units BETWEEN 0 AND 4)
);

CREATE TABLE sales_channels (
    channel_id SMALLINT PRIMARY KEY,
    code       VARCHAR  NOT NULL UNIQUE CHECK (code IN ('web', 'app', 'store')),
    name       VARCHAR  NOT NULL
);

CREATE TABLE categories (
    category_id INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES categories (category_id),
    name        VARCHAR NOT NULL,
    CHECK (parent_id IS DISTINCT FROM category_id),
    UNIQUE (parent_id, name)
);

CREATE TABLE suppliers (
    supplier_id INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL UNIQUE,
    country     VARCHAR NOT NULL CHECK (regexp_full_match(country, '[A-Z]{2}')),
    region      VARCHAR NOT NULL
);

CREATE TABLE products (
    product_id  BIGINT        PRIMARY KEY DEFAULT nextval('products_product_id_seq'),
    sku         VARCHAR       NOT NULL UNIQUE,
    name        VARCHAR       NOT NULL,
    category    VARCHAR,
    unit_price  DECIMAL(12,2) NOT NULL CHECK (unit_price >= 0),
    updated_at  TIMESTAMPTZ   NOT NULL,
    category_id INTEGER       REFERENCES categories (category_id),
    supplier_id INTEGER       REFERENCES suppliers (supplier_id),
    unit_cost   DECIMAL(12,2) CHECK (unit_cost >= 0)
);

CREATE TABLE product_prices (
    product_id BIGINT        NOT NULL REFERENCES products (product_id),
    valid_from TIMESTAMPTZ   NOT NULL,
    unit_price DECIMAL(12,2) NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (product_id, valid_from)
);

CREATE TABLE stores (
    store_id      INTEGER     PRIMARY KEY,
    store_code    VARCHAR     NOT NULL UNIQUE,
    name          VARCHAR     NOT NULL,
    kind          VARCHAR     NOT NULL CHECK (kind IN ('store', 'warehouse')),
    city          VARCHAR     NOT NULL,
    country       VARCHAR     NOT NULL CHECK (regexp_full_match(country, '[A-Z]{2}')),
    currency_code VARCHAR     NOT NULL REFERENCES currencies (currency_code),
    opened_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE inventory (
    store_id   INTEGER     NOT NULL REFERENCES stores (store_id),
    product_id BIGINT      NOT NULL REFERENCES products (product_id),
    on_hand    INTEGER     NOT NULL CHECK (on_hand >= 0),
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (store_id, product_id)
);

CREATE TABLE customers (
    customer_id BIGINT      PRIMARY KEY DEFAULT nextval('customers_customer_id_seq'),
    email       VARCHAR     NOT NULL UNIQUE,
    full_name   VARCHAR     NOT NULL,
    country     VARCHAR     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    phone       VARCHAR,
    birth_date  DATE,
    segment     VARCHAR     NOT NULL DEFAULT 'consumer'
                            CHECK (segment IN ('consumer', 'business', 'vip')),
    erased_at   TIMESTAMPTZ
);

CREATE TABLE customer_addresses (
    address_id  BIGINT      PRIMARY KEY DEFAULT nextval('customer_addresses_address_id_seq'),
    customer_id BIGINT      NOT NULL REFERENCES customers (customer_id),
    street      VARCHAR     NOT NULL,
    postcode    VARCHAR     NOT NULL,
    city        VARCHAR     NOT NULL,
    region      VARCHAR,
    country     VARCHAR     NOT NULL,
    valid_from  TIMESTAMPTZ NOT NULL,
    valid_to    TIMESTAMPTZ,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE crm_customer_imports (
    import_id     BIGINT      PRIMARY KEY DEFAULT nextval('crm_customer_imports_import_id_seq'),
    loyalty_card  VARCHAR     NOT NULL,
    email         VARCHAR,
    full_name     VARCHAR,
    phone         VARCHAR,
    birth_date    VARCHAR,
    postcode      VARCHAR,
    country       VARCHAR,
    registered_at VARCHAR,
    imported_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE orders (
    order_id      BIGINT      PRIMARY KEY DEFAULT nextval('orders_order_id_seq'),
    customer_id   BIGINT      REFERENCES customers (customer_id),
    status        VARCHAR     NOT NULL
                  CHECK (status IN ('placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned')),
    ordered_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    channel_id    SMALLINT    NOT NULL DEFAULT 1 REFERENCES sales_channels (channel_id),
    store_id      INTEGER     REFERENCES stores (store_id),
    currency_code VARCHAR     NOT NULL DEFAULT 'EUR' REFERENCES currencies (currency_code),
    loyalty_card  VARCHAR
    -- orders_customer_or_card_chk and orders_store_channel_chk: left out, see the header.
);

CREATE TABLE order_items (
    order_id     BIGINT        NOT NULL REFERENCES orders (order_id),
    line_no      INTEGER       NOT NULL CHECK (line_no > 0),
    product_id   BIGINT        NOT NULL REFERENCES products (product_id),
    quantity     INTEGER       NOT NULL CHECK (quantity > 0),
    unit_price   DECIMAL(12,2) NOT NULL CHECK (unit_price >= 0),
    discount_pct SMALLINT      NOT NULL DEFAULT 0 CHECK (discount_pct BETWEEN 0 AND 90),
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE payments (
    payment_id    BIGINT        PRIMARY KEY DEFAULT nextval('payments_payment_id_seq'),
    order_id      BIGINT        NOT NULL REFERENCES orders (order_id),
    method        VARCHAR       NOT NULL CHECK (method IN ('card', 'paypal', 'invoice', 'cash')),
    amount        DECIMAL(12,2) NOT NULL CHECK (amount > 0),
    currency_code VARCHAR       NOT NULL,
    status        VARCHAR       NOT NULL CHECK (status IN ('captured', 'refunded')),
    paid_at       TIMESTAMPTZ   NOT NULL,
    refunded_at   TIMESTAMPTZ,
    CHECK ((status = 'refunded') = (refunded_at IS NOT NULL))
);

CREATE TABLE shipments (
    shipment_id  BIGINT      PRIMARY KEY DEFAULT nextval('shipments_shipment_id_seq'),
    order_id     BIGINT      NOT NULL UNIQUE REFERENCES orders (order_id),
    carrier      VARCHAR     NOT NULL,
    tracking_no  VARCHAR     NOT NULL UNIQUE,
    shipped_at   TIMESTAMPTZ NOT NULL,
    delivered_at TIMESTAMPTZ,
    CHECK (delivered_at IS NULL OR delivered_at >= shipped_at)
);

CREATE TABLE returns (
    return_id     BIGINT        PRIMARY KEY DEFAULT nextval('returns_return_id_seq'),
    order_id      BIGINT        NOT NULL,
    line_no       INTEGER       NOT NULL,
    quantity      INTEGER       NOT NULL CHECK (quantity > 0),
    reason        VARCHAR       NOT NULL
                  CHECK (reason IN ('damaged', 'wrong_item', 'not_as_described', 'changed_mind')),
    refund_amount DECIMAL(12,2) NOT NULL CHECK (refund_amount >= 0),
    returned_at   TIMESTAMPTZ   NOT NULL,
    FOREIGN KEY (order_id, line_no) REFERENCES order_items (order_id, line_no)
);

-- The same secondary indexes as the PostgreSQL shop: those its transactions follow from a parent.
CREATE INDEX products_category_id_idx ON products (category_id);
CREATE INDEX customer_addresses_customer_id_idx ON customer_addresses (customer_id);
CREATE INDEX crm_customer_imports_card_idx ON crm_customer_imports (loyalty_card);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX orders_store_id_idx ON orders (store_id);
CREATE INDEX order_items_product_id_idx ON order_items (product_id);
CREATE INDEX payments_order_id_idx ON payments (order_id);
CREATE INDEX returns_order_id_idx ON returns (order_id, line_no);
