-- The accumulating snapshot fact_order_fulfillment, for the orders rebuilt (t_fact_order).

-- Accumulating snapshot: one row per order with each milestone's time and the lags between them.
DELETE FROM fact_order_fulfillment WHERE order_id IN (SELECT order_id FROM t_fact_order);

INSERT INTO fact_order_fulfillment
WITH pay AS (
    SELECT order_id, min(paid_at) AS paid_at, max(refunded_at) AS refunded_at,
           coalesce(sum(amount) FILTER (WHERE status = 'refunded'), 0) AS refunded,
           bool_or(source_lsn = 0) AS repaired
    FROM cur_payments WHERE NOT is_deleted AND order_id IN (SELECT order_id FROM t_fact_order)
    GROUP BY order_id
), ship AS (
    SELECT order_id, min(shipped_at) AS shipped_at, max(delivered_at) AS delivered_at,
           bool_or(source_lsn = 0) AS repaired
    FROM cur_shipments WHERE NOT is_deleted AND order_id IN (SELECT order_id FROM t_fact_order)
    GROUP BY order_id
), ret AS (
    SELECT order_id, min(returned_at) AS returned_at, sum(refund_amount) AS refunded
    FROM cur_returns WHERE NOT is_deleted AND order_id IN (SELECT order_id FROM t_fact_order)
    GROUP BY order_id
), lines AS (
    SELECT order_id, count(*) AS lines, sum(net_amount_rpt) AS amount
    FROM fact_sales WHERE order_id IN (SELECT order_id FROM t_fact_order) GROUP BY order_id
)
SELECT k.order_id, k.customer_key, k.store_key, k.channel_key, k.date_key, k.status,
       k.ordered_at, pay.paid_at, ship.shipped_at, ship.delivered_at,
       CASE WHEN k.status = 'cancelled' THEN coalesce(pay.refunded_at, k.updated_at) END,
       ret.returned_at,
       round(epoch(pay.paid_at - k.ordered_at) / 3600, 2),
       round(epoch(ship.shipped_at - pay.paid_at) / 3600, 2),
       round(epoch(ship.delivered_at - ship.shipped_at) / 3600, 2),
       round(epoch(ship.delivered_at - k.ordered_at) / 3600, 2),
       coalesce(lines.lines, 0), coalesce(lines.amount, 0),
       coalesce(round((coalesce(pay.refunded, 0) + coalesce(ret.refunded, 0)) / k.fx_rate, 2), 0),
       -- Repaired while a row re-read from the shop (source position 0) stands in for an event
       -- the stream has not delivered; false again once the real change replaces it, so a
       -- late event leaves the same fact as an on-time one (and as a backfill).
       coalesce(pay.repaired, false) OR coalesce(ship.repaired, false)
FROM t_order_keys k
LEFT JOIN pay USING (order_id) LEFT JOIN ship USING (order_id)
LEFT JOIN ret USING (order_id) LEFT JOIN lines USING (order_id);
