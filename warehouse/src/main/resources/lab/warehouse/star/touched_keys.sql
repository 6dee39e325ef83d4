-- Touched keys: what this batch touched, as keys the later steps rebuild.
-- Reads stage_change (the batch's changes) and the change layer; writes the session's temp tables
-- t_order (order ids), t_customer (shop customer ids) and t_product (product ids, with the time
-- from which facts must follow the product's versions).

CREATE OR REPLACE TEMP TABLE t_order AS
SELECT CAST(image->>'order_id' AS BIGINT) AS order_id
FROM stage_change WHERE tbl IN ('orders', 'order_items')
UNION SELECT p.order_id FROM cur_payments p
WHERE p.payment_id IN (SELECT CAST(image->>'payment_id' AS BIGINT) FROM stage_change WHERE tbl = 'payments')
UNION SELECT s.order_id FROM cur_shipments s
WHERE s.shipment_id IN (SELECT CAST(image->>'shipment_id' AS BIGINT) FROM stage_change WHERE tbl = 'shipments')
UNION SELECT r.order_id FROM cur_returns r
WHERE r.return_id IN (SELECT CAST(image->>'return_id' AS BIGINT) FROM stage_change WHERE tbl = 'returns');

-- Shop customer ids whose own row or addresses changed (a delete's image has only the key; the
-- tombstone in cur_* still knows which customer the address belonged to).
CREATE OR REPLACE TEMP TABLE t_customer AS
SELECT CAST(image->>'customer_id' AS BIGINT) AS customer_id FROM stage_change WHERE tbl = 'customers'
UNION SELECT a.customer_id FROM cur_customer_addresses a
WHERE a.address_id IN (SELECT CAST(image->>'address_id' AS BIGINT) FROM stage_change WHERE tbl = 'customer_addresses');

-- Products whose versions may have changed, and from when on facts must follow them: the earliest
-- effective time among the batch's changes (a product's first known row counts from the start).
CREATE OR REPLACE TEMP TABLE t_product AS
WITH staged AS (
    SELECT CAST(image->>'product_id' AS BIGINT) AS product_id, lsn FROM stage_change WHERE tbl = 'products'
), effective AS (
    SELECT s.product_id,
           CASE WHEN s.lsn <= (SELECT min(h.source_lsn) FROM hist_products h WHERE h.product_id = s.product_id)
                THEN TIMESTAMPTZ '1900-01-01 00:00:00+00' ELSE h.source_ts END AS since
    FROM staged s LEFT JOIN hist_products h ON h.product_id = s.product_id AND h.source_lsn = s.lsn
    UNION ALL
    SELECT CAST(image->>'product_id' AS BIGINT), CAST(image->>'valid_from' AS TIMESTAMPTZ)
    FROM stage_change WHERE tbl = 'product_prices'
    UNION ALL  -- a late category or supplier changes the dimension's text, not any fact
    SELECT p.product_id, NULL FROM cur_products p
    WHERE p.category_id IN (SELECT CAST(image->>'category_id' AS INTEGER) FROM stage_change WHERE tbl = 'categories')
       OR p.supplier_id IN (SELECT CAST(image->>'supplier_id' AS INTEGER) FROM stage_change WHERE tbl = 'suppliers')
)
SELECT product_id, min(since) AS since FROM effective GROUP BY product_id;
