-- question: Of the customers who first ordered in a given month, how many ordered again 1, 2, ... 12 months later?
-- flight: business (cohort retention)
-- teaches: the same two steps over the orders table; a row store reads each whole order row to use three of its columns.
-- rules: cancelled orders excluded; online orders only (web, app: a store order may name only a loyalty card); customer = orders.customer_id (equal to the star's conformed id when the shop has no duplicate persons); months are UTC calendar months; offsets 0..12.
WITH orders_by_month AS (
    SELECT DISTINCT o.customer_id,
           (extract(year FROM o.ordered_at AT TIME ZONE 'UTC')::int * 12
            + extract(month FROM o.ordered_at AT TIME ZONE 'UTC')::int - 1) AS month_no
    FROM orders o
    WHERE o.status <> 'cancelled'
      AND o.channel_id IN (1, 2)
      AND o.customer_id IS NOT NULL
),
cohorts AS (
    SELECT customer_id, min(month_no) AS cohort_month
    FROM orders_by_month
    GROUP BY customer_id
)
SELECT (k.cohort_month / 12) * 100 + k.cohort_month % 12 + 1 AS cohort,
       m.month_no - k.cohort_month AS months_since_first,
       count(*) AS customers
FROM orders_by_month m
JOIN cohorts k ON k.customer_id = m.customer_id
WHERE m.month_no - k.cohort_month <= 12
GROUP BY 1, 2
ORDER BY 1, 2
