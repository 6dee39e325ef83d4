-- check: The sales add up to the shop's orders
-- expected: per order, the sum of net_amount is the shop's total: quantity x unit_price less the discount, each line rounded to the cent
-- cause: DuckDB divides DECIMALs in floating point; keep money exact: multiply by 0.01 instead of dividing by 100, and round each line, not the order
WITH shop AS (
    SELECT order_id, sum(round(quantity * unit_price * (100 - discount_pct) * 0.01, 2)) AS total
    FROM cur_order_items WHERE NOT is_deleted GROUP BY order_id
), star AS (
    SELECT order_id, sum(net_amount) AS total FROM fact_sales GROUP BY order_id
)
SELECT s.order_id, s.total AS shop_total, f.total AS your_total
FROM shop s JOIN star f USING (order_id)
WHERE f.total IS DISTINCT FROM s.total
ORDER BY s.order_id;
