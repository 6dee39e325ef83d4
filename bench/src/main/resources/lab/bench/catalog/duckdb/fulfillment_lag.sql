-- question: How long do delivered orders take from placing to delivery, and from payment to shipping, per channel (median, p90, p99 in hours)?
-- flight: business (fulfillment lag percentiles from the accumulating snapshot)
-- teaches: the accumulating snapshot keeps one row per order with its milestones and lags already computed; percentiles become one pass over two columns.
-- rules: orders with a delivery (delivered_at set), any status; hours as the snapshot stores them (DECIMAL(10,2)); quantile_disc returns a value that occurs in the data, like percentile_disc on PostgreSQL, so both engines give the same exact answer.
SELECT ch.channel_code,
       count(*) AS delivered_orders,
       quantile_disc(o.hours_placed_to_delivered, 0.5) AS p50_hours_to_delivery,
       quantile_disc(o.hours_placed_to_delivered, 0.9) AS p90_hours_to_delivery,
       quantile_disc(o.hours_placed_to_delivered, 0.99) AS p99_hours_to_delivery,
       quantile_disc(o.hours_to_ship, 0.5) AS p50_hours_pay_to_ship,
       quantile_disc(o.hours_to_ship, 0.9) AS p90_hours_pay_to_ship
FROM fact_order_fulfillment o
JOIN dim_channel ch ON ch.channel_key = o.channel_key
WHERE o.delivered_at IS NOT NULL
GROUP BY 1
ORDER BY 1
