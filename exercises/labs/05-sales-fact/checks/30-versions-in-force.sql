-- check: Each sale points at the versions in force when it was ordered
-- expected: the customer and product versions a sale points at were valid at the order's ordered_at
-- cause: the current version rewrites history (last year's sales move to this year's city and price); look the version up as of the order: an ASOF JOIN on valid_from
SELECT f.order_id, f.line_no, o.ordered_at, 'customer' AS dimension, d.valid_from, d.valid_to
FROM fact_sales f JOIN cur_orders o USING (order_id)
JOIN dim_customer d ON d.customer_key = f.customer_key
WHERE f.customer_key <> 0 AND NOT (o.ordered_at >= d.valid_from AND (d.valid_to IS NULL OR o.ordered_at < d.valid_to))
UNION ALL
SELECT f.order_id, f.line_no, o.ordered_at, 'product', p.valid_from, p.valid_to
FROM fact_sales f JOIN cur_orders o USING (order_id)
JOIN dim_product p ON p.product_key = f.product_key
WHERE f.product_key <> 0 AND NOT (o.ordered_at >= p.valid_from AND (p.valid_to IS NULL OR o.ordered_at < p.valid_to))
ORDER BY 1, 2;
