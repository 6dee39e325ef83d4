-- Product versions (SCD2) in dim_product for the products touched (t_product), inferred products,
-- and the unknown product (key 0).

-- A new version starts at each price change (the price list's valid_from) and when the category,
-- supplier or unit cost changes (at the change's commit time). Missing category: 'Unknown', flagged.

DELETE FROM dim_product WHERE product_id IN (SELECT product_id FROM t_product);

INSERT INTO dim_product
WITH p AS (
    SELECT * FROM cur_products WHERE product_id IN (SELECT product_id FROM t_product)
), h AS (
    SELECT product_id, category_id, category, supplier_id, unit_cost,
           CASE WHEN row_number() OVER w = 1 THEN TIMESTAMPTZ '1900-01-01 00:00:00+00' ELSE source_ts END AS eff,
           row_number() OVER w = 1
             OR (category_id, category, supplier_id, unit_cost)
                IS DISTINCT FROM lag((category_id, category, supplier_id, unit_cost)) OVER w AS changed
    FROM hist_products
    WHERE product_id IN (SELECT product_id FROM p) AND NOT is_deleted
    WINDOW w AS (PARTITION BY product_id ORDER BY source_lsn)
), price AS (
    SELECT product_id, valid_from, unit_price,
           row_number() OVER (PARTITION BY product_id ORDER BY valid_from) AS nth
    FROM cur_product_prices WHERE product_id IN (SELECT product_id FROM p) AND NOT is_deleted
), starts AS (
    SELECT product_id, TIMESTAMPTZ '1900-01-01 00:00:00+00' AS valid_from FROM p
    UNION SELECT product_id, eff FROM h WHERE changed AND eff > TIMESTAMPTZ '1900-01-01 00:00:00+00'
    UNION SELECT product_id, valid_from FROM price WHERE nth > 1
), versions AS (
    SELECT product_id, valid_from,
           lead(valid_from) OVER (PARTITION BY product_id ORDER BY valid_from) AS valid_to
    FROM starts
), dated AS (
    SELECT v.*, h.category_id, h.category AS category_text, h.supplier_id, h.unit_cost,
           coalesce(pr.unit_price, first_price.unit_price) AS list_price
    FROM versions v
    ASOF LEFT JOIN h ON h.product_id = v.product_id AND v.valid_from >= h.eff
    ASOF LEFT JOIN price pr ON pr.product_id = v.product_id AND v.valid_from >= pr.valid_from
    LEFT JOIN price first_price ON first_price.product_id = v.product_id AND first_price.nth = 1
)
SELECT CASE WHEN d.valid_from = TIMESTAMPTZ '1900-01-01 00:00:00+00' THEN skey('product|' || d.product_id || '|first')
            ELSE skey('product|' || d.product_id || '|' || epoch_us(d.valid_from)) END,
       d.product_id, p.sku, p.name,
       coalesce(cat.name, d.category_text, 'Unknown'),
       coalesce(parent.name, CASE WHEN cat.name IS NOT NULL THEN cat.name END, 'Unknown'),
       coalesce(s.name, 'Unknown'), coalesce(s.country, '??'), coalesce(s.region, 'Unknown'),
       coalesce(d.list_price, p.unit_price), d.unit_cost,
       d.valid_from, d.valid_to, d.valid_to IS NULL, false,
       cat.name IS NULL AND d.category_text IS NULL
FROM dated d JOIN p USING (product_id)
LEFT JOIN cur_categories cat ON cat.category_id = d.category_id
LEFT JOIN cur_categories parent ON parent.category_id = cat.parent_id
LEFT JOIN cur_suppliers s ON s.supplier_id = d.supplier_id;

-- Products a line names before the product itself has arrived: inferred, completed in place.
INSERT INTO dim_product
SELECT skey('product|' || i.product_id || '|first'), i.product_id,
       'unknown-' || i.product_id, 'Unknown (not delivered yet)', 'Unknown', 'Unknown',
       'Unknown', '??', 'Unknown', NULL, NULL, TIMESTAMPTZ '1900-01-01 00:00:00+00', NULL, true, true, true
FROM (SELECT DISTINCT product_id FROM cur_order_items
      WHERE order_id IN (SELECT order_id FROM t_order)) i
WHERE NOT EXISTS (SELECT 1 FROM dim_product d WHERE d.product_id = i.product_id);

INSERT INTO dim_product VALUES
    (0, 0, 'unknown', 'Unknown', 'Unknown', 'Unknown', 'Unknown', '??', 'Unknown', NULL, NULL,
     TIMESTAMPTZ '1900-01-01 00:00:00+00', NULL, true, false, true)
ON CONFLICT DO NOTHING;
