-- question: How long do delivered orders take from placing to delivery, and from payment to shipping, per channel (median, p90, p99 in hours)?
-- flight: business (fulfillment lag percentiles from the accumulating snapshot)
-- teaches: the milestones live in three tables (orders, payments, shipments); the query assembles each order's timeline before it can measure it.
-- rules: orders with a delivery (shipments.delivered_at set), any status; paid_at = the order's first payment (payments.paid_at, refunded ones too); hours = round(seconds / 3600, 2), as the snapshot's DECIMAL(10,2); percentile_disc returns a value that occurs in the data, like quantile_disc on DuckDB.
WITH paid AS (
    SELECT order_id, min(paid_at) AS paid_at
    FROM payments
    GROUP BY order_id
),
timeline AS (
    SELECT ch.code AS channel_code,
           round(extract(epoch FROM s.delivered_at - o.ordered_at) / 3600, 2) AS hours_to_delivery,
           round(extract(epoch FROM s.shipped_at - p.paid_at) / 3600, 2) AS hours_pay_to_ship
    FROM orders o
    JOIN sales_channels ch ON ch.channel_id = o.channel_id
    JOIN shipments s ON s.order_id = o.order_id
    LEFT JOIN paid p ON p.order_id = o.order_id
    WHERE s.delivered_at IS NOT NULL
)
SELECT channel_code,
       count(*) AS delivered_orders,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY hours_to_delivery) AS p50_hours_to_delivery,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY hours_to_delivery) AS p90_hours_to_delivery,
       percentile_disc(0.99) WITHIN GROUP (ORDER BY hours_to_delivery) AS p99_hours_to_delivery,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY hours_pay_to_ship) AS p50_hours_pay_to_ship,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY hours_pay_to_ship) AS p90_hours_pay_to_ship
FROM timeline
GROUP BY 1
ORDER BY 1
