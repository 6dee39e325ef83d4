-- check: Every card on an order has a member, even before the CRM delivers it
-- expected: after the first batch (orders, no CRM imports yet), each sale with a loyalty card points at that card's member in dim_customer
-- cause: a sale that points at a key dim_customer does not have is lost to every join; create the member from the card alone (a LEFT JOIN to the CRM's rows) and complete it later
SELECT f.order_id, f.line_no, f.customer_key, o.loyalty_card
FROM early.fact_sales f
JOIN early.cur_orders o USING (order_id)
WHERE o.loyalty_card IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM early.dim_customer d WHERE d.customer_key = f.customer_key AND d.customer_id < 0)
ORDER BY f.order_id, f.line_no;
