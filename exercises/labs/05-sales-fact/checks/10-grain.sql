-- check: One row per order line
-- expected: fact_sales has exactly one row for each line of each order in the change layer (the grain: order_id, line_no)
-- cause: the grain is the order line; a join that is not one-to-one (two versions, two rates) repeats lines, an inner join drops them
WITH shop AS (
    SELECT i.order_id, i.line_no FROM cur_order_items i JOIN cur_orders o USING (order_id)
    WHERE NOT i.is_deleted AND NOT o.is_deleted
), star AS (
    SELECT order_id, line_no, count(*) AS n FROM fact_sales GROUP BY order_id, line_no
)
SELECT coalesce(s.order_id, f.order_id) AS order_id, coalesce(s.line_no, f.line_no) AS line_no,
       coalesce(f.n, 0) AS rows_in_fact_sales
FROM shop s FULL JOIN star f USING (order_id, line_no)
WHERE f.n IS DISTINCT FROM 1 OR s.order_id IS NULL
ORDER BY 1, 2;
