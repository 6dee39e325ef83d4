-- check: The snapshot adds up to the sales
-- expected: per day, orders, units and net_amount_rpt equal those of fact_sales without cancelled orders (orders counted once, not per line)
-- cause: leave out order_status = 'cancelled' in the join's condition (not in a WHERE, which would drop the zero rows), and count DISTINCT order_id
WITH sales AS (
    SELECT date_key, count(DISTINCT order_id) AS orders, sum(quantity) AS units,
           sum(net_amount_rpt) AS net_amount_rpt
    FROM fact_sales WHERE order_status <> 'cancelled'
    GROUP BY date_key
), snapshot AS (
    SELECT date_key, sum(orders) AS orders, sum(units) AS units, sum(net_amount_rpt) AS net_amount_rpt
    FROM fact_daily_store_sales
    GROUP BY date_key
)
SELECT s.date_key, s.orders AS expected_orders, p.orders AS your_orders,
       s.units AS expected_units, p.units AS your_units,
       s.net_amount_rpt AS expected_net, p.net_amount_rpt AS your_net
FROM sales s LEFT JOIN snapshot p USING (date_key)
WHERE p.orders IS DISTINCT FROM s.orders OR p.units IS DISTINCT FROM s.units
   OR p.net_amount_rpt IS DISTINCT FROM s.net_amount_rpt
ORDER BY s.date_key;
