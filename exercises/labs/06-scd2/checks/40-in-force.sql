-- check: Each sale points at the version in force when it was ordered
-- expected: for every line of fact_sales, ordered_at falls in [valid_from, valid_to) of the customer version it points at
-- cause: the facts look the version up by the order's time (fact_sales.sql, an ASOF join on valid_from); versions with wrong or overlapping valid_from send an order to the wrong city
SELECT f.order_id, f.line_no, o.ordered_at, d.customer_id, d.city, d.valid_from, d.valid_to
FROM fact_sales f
JOIN dim_customer d ON d.customer_key = f.customer_key
JOIN cur_orders o ON o.order_id = f.order_id
WHERE d.customer_id > 0
  AND NOT (o.ordered_at >= d.valid_from AND (d.valid_to IS NULL OR o.ordered_at < d.valid_to))
ORDER BY f.order_id, f.line_no;
