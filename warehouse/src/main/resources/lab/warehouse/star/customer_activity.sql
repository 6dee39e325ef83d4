-- Customer activity: the feature table customer_activity (recency, frequency, monetary value per
-- conformed customer) for every customer whose orders or versions this batch rebuilt.

CREATE OR REPLACE TEMP TABLE t_activity AS
SELECT DISTINCT d.customer_id FROM t_order_keys k JOIN dim_customer d ON d.customer_key = k.customer_key
UNION SELECT customer_id FROM t_conformed
UNION SELECT customer_id FROM t_customer;

DELETE FROM customer_activity WHERE customer_id IN (SELECT customer_id FROM t_activity);

INSERT INTO customer_activity
SELECT d.customer_id, min(d.signed_up_at),
       min(f.placed_at) FILTER (WHERE f.order_status <> 'cancelled'),
       max(f.placed_at) FILTER (WHERE f.order_status <> 'cancelled'),
       count(f.order_id) FILTER (WHERE f.order_status <> 'cancelled'),
       coalesce(sum(f.order_amount_rpt) FILTER (WHERE f.order_status <> 'cancelled'), 0),
       arg_max(d.segment, d.valid_from)
FROM dim_customer d LEFT JOIN fact_order_fulfillment f ON f.customer_key = d.customer_key
WHERE d.customer_id IN (SELECT customer_id FROM t_activity) AND d.customer_id <> 0
GROUP BY d.customer_id;
