-- check: Cancelled orders are not sales
-- expected: frequency counts the customer's orders that were not cancelled
-- cause: leave out order_status = 'cancelled'; a FILTER (WHERE ...) on the aggregate keeps a customer whose every order was cancelled, at 0
WITH orders AS (
    SELECT d.customer_id, count(*) AS all_orders,
           count(*) FILTER (WHERE f.order_status <> 'cancelled') AS kept
    FROM ref.fact_order_fulfillment f JOIN ref.dim_customer d ON d.customer_key = f.customer_key
    WHERE d.customer_id <> 0
    GROUP BY d.customer_id
)
SELECT o.customer_id, o.kept AS expected_frequency, m.frequency AS your_frequency,
       o.all_orders - o.kept AS cancelled_orders
FROM orders o JOIN customer_activity m USING (customer_id)
WHERE o.all_orders > o.kept AND m.frequency = o.all_orders
ORDER BY o.customer_id;
