-- question: How many customers are champions, loyal, new, at risk, hibernating or lost?
-- flight: business (RFM segment sizes)
-- teaches: recency and frequency per customer from the accumulating snapshot, then a CASE into segments; the conformed customer makes duplicates one person.
-- rules: recency = days from the customer's last order to the data's last order day (every order counts for that day, cancelled too), frequency = orders; segments by fixed thresholds: champion (recency <= 90 days, >= 5 orders), loyal (<= 90, 2-4), new (<= 90, 1), at risk (91-365, >= 2), hibernating (91-365, 1), lost (> 365). Fixed thresholds rather than quintiles, because ntile() splits ties arbitrarily and two engines would disagree. The ETL's feature_customer.rfm_segment follows its own rules, so this query derives the segments from the orders on both engines. Cancelled orders excluded; online orders only (web, app); UTC order dates; customer = dim_customer.customer_id (the conformed id; equal to the shop's ids when the shop has no duplicate persons).
WITH last_day AS (
    SELECT max(d.full_date) AS day
    FROM fact_order_fulfillment o
    JOIN dim_date d ON d.date_key = o.placed_date_key
),
per_customer AS (
    SELECT c.customer_id,
           (SELECT day FROM last_day) - max(d.full_date) AS recency_days,
           count(*) AS frequency
    FROM fact_order_fulfillment o
    JOIN dim_customer c ON c.customer_key = o.customer_key
    JOIN dim_date d ON d.date_key = o.placed_date_key
    JOIN dim_channel ch ON ch.channel_key = o.channel_key
    WHERE o.order_status <> 'cancelled'
      AND ch.channel_code IN ('web', 'app')
    GROUP BY c.customer_id
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
