-- Lab 8: customer features (recency, frequency, monetary value) in customer_activity. Read
-- README.md beside this lab first.
--
-- This step runs inside every batch, after the dimensions and facts are rebuilt; t_order_keys,
-- t_conformed and t_customer hold what the batch touched. The view feature_customer (star.sql)
-- turns this table into the features a model reads, as of the data's last day.

-- The customers whose features this batch must rebuild.
CREATE OR REPLACE TEMP TABLE t_activity AS
SELECT DISTINCT d.customer_id FROM t_order_keys k JOIN dim_customer d ON d.customer_key = k.customer_key
UNION SELECT customer_id FROM t_conformed
UNION SELECT customer_id FROM t_customer;

DELETE FROM customer_activity WHERE customer_id IN (SELECT customer_id FROM t_activity);

-- As it stands: every customer, but no orders yet. Fill first_order_at, last_order_at, frequency
-- and monetary_rpt from fact_order_fulfillment (see README.md for the rules).
INSERT INTO customer_activity
SELECT d.customer_id,
       min(d.signed_up_at),               -- signed_up_at
       NULL,                              -- first_order_at
       NULL,                              -- last_order_at
       0,                                 -- frequency
       0,                                 -- monetary_rpt
       arg_max(d.segment, d.valid_from)   -- segment: the current version's
FROM dim_customer d
WHERE d.customer_id IN (SELECT customer_id FROM t_activity) AND d.customer_id <> 0
GROUP BY d.customer_id;
