-- question: How many customers are champions, loyal, new, at risk, hibernating or lost?
-- flight: business (RFM segment sizes)
-- teaches: the same segmentation computed from the orders table: a full scan and a hash aggregate per customer, plus a second scan for the data's last day.
-- rules: recency = days from the customer's last order to the data's last order day (every order counts for that day, cancelled too), frequency = orders; segments by fixed thresholds: champion (recency <= 90 days, >= 5 orders), loyal (<= 90, 2-4), new (<= 90, 1), at risk (91-365, >= 2), hibernating (91-365, 1), lost (> 365). Fixed thresholds rather than quintiles, because ntile() splits ties arbitrarily and two engines would disagree. The ETL's feature_customer.rfm_segment follows its own rules, so this query derives the segments from the orders on both engines. Cancelled orders excluded; online orders only (web, app); UTC order dates; customer = orders.customer_id.
WITH last_day AS (
    SELECT max((o.ordered_at AT TIME ZONE 'UTC')::date) AS day
    FROM orders o
),
per_customer AS (
    SELECT o.customer_id,
           (SELECT day FROM last_day) - max((o.ordered_at AT TIME ZONE 'UTC')::date) AS recency_days,
           count(*) AS frequency
    FROM orders o
    WHERE o.status <> 'cancelled'
      AND o.channel_id IN (1, 2)
      AND o.customer_id IS NOT NULL
    GROUP BY o.customer_id
)
SELECT CASE
             WHEN recency_days <= 90 AND frequency >= 5 THEN 'champion'
             WHEN recency_days <= 90 AND frequency >= 2 THEN 'loyal'
             WHEN recency_days <= 90 THEN 'new'
             WHEN recency_days <= 365 AND frequency >= 2 THEN 'at risk'
             WHEN recency_days <= 365 THEN 'hibernating'
             ELSE 'lost'
           END AS segment,
       count(*) AS customers,
       sum(frequency) AS orders
FROM per_customer
GROUP BY 1
ORDER BY 1
