-- Inferred customers in dim_customer, and the unknown member (key 0) every fact can point at.

-- Shop customers an order names before the customer's own change has arrived: inferred members,
-- completed in place (same key) when it does.
INSERT INTO dim_customer
SELECT skey('customer|' || o.customer_id || '|first'), o.customer_id,
       NULL, 'Unknown (not delivered yet)', NULL, NULL, 'Unknown', 'Unknown', NULL, 0, NULL,
       TIMESTAMPTZ '1900-01-01 00:00:00+00', NULL, true, true, false, true, true
FROM (SELECT DISTINCT customer_id FROM cur_orders
      WHERE order_id IN (SELECT order_id FROM t_order) AND customer_id IS NOT NULL) o
WHERE NOT EXISTS (SELECT 1 FROM customer_id_map m WHERE m.source_customer_id = o.customer_id)
  AND NOT EXISTS (SELECT 1 FROM dim_customer d WHERE d.customer_id = o.customer_id);

INSERT INTO dim_customer VALUES
    (0, 0, NULL, 'Unknown', NULL, NULL, 'Unknown', 'Unknown', NULL, 0, NULL,
     TIMESTAMPTZ '1900-01-01 00:00:00+00', NULL, true, false, false, true, true)
ON CONFLICT DO NOTHING;
