-- question: Of the customers who first ordered in a given month, how many ordered again 1, 2, ... 12 months later?
-- flight: business (cohort retention)
-- teaches: a two-step analysis on the accumulating snapshot (one row per order): each customer's first month, then activity by months since; the customer is the conformed person, so duplicates count once.
-- rules: cancelled orders excluded; online orders only (web, app: a store order may name only a loyalty card); customer = dim_customer.customer_id (the conformed id), which equals the shop's customer_id when the shop has no duplicate persons (seed without the duplicates switch); months are UTC calendar months; offsets 0..12.
WITH orders_by_month AS (
    SELECT DISTINCT c.customer_id, CAST(d.year AS INTEGER) * 12 + d.month - 1 AS month_no
    FROM fact_order_fulfillment o
    JOIN dim_customer c ON c.customer_key = o.customer_key
    JOIN dim_date d ON d.date_key = o.placed_date_key
    JOIN dim_channel ch ON ch.channel_key = o.channel_key
    WHERE o.order_status <> 'cancelled'
      AND ch.channel_code IN ('web', 'app')
),
cohorts AS (
    SELECT customer_id, min(month_no) AS cohort_month
    FROM orders_by_month
    GROUP BY customer_id
)
SELECT (k.cohort_month // 12) * 100 + k.cohort_month % 12 + 1 AS cohort,
       m.month_no - k.cohort_month AS months_since_first,
       count(*) AS customers
FROM orders_by_month m
JOIN cohorts k ON k.customer_id = m.customer_id
WHERE m.month_no - k.cohort_month <= 12
GROUP BY 1, 2
ORDER BY 1, 2
