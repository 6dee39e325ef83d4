-- check: Every version of the person counts
-- expected: a customer's features cover the orders of all their versions (and of duplicate registrations merged into them), not only the current one
-- cause: join fact_order_fulfillment to every dim_customer row of the conformed customer_id (ON f.customer_key = d.customer_key, with no is_current filter)
WITH on_current AS (
    SELECT d.customer_id, count(*) FILTER (WHERE f.order_status <> 'cancelled') AS orders
    FROM ref.fact_order_fulfillment f JOIN ref.dim_customer d ON d.customer_key = f.customer_key
    WHERE d.is_current AND d.customer_id <> 0
    GROUP BY d.customer_id
)
SELECT r.customer_id, r.frequency AS expected_frequency, m.frequency AS your_frequency
FROM ref.customer_activity r
JOIN customer_activity m USING (customer_id)
LEFT JOIN on_current c USING (customer_id)
WHERE m.frequency < r.frequency AND m.frequency = coalesce(c.orders, 0)
ORDER BY r.customer_id;
