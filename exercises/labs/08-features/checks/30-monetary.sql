-- check: Monetary value is net revenue in EUR
-- expected: monetary_rpt is the sum of order_amount_rpt (EUR) of the customer's orders that were not cancelled, 0 with none
-- cause: sum order_amount_rpt, not a local-currency amount, under the same filter as frequency; coalesce the sum of no orders to 0
SELECT r.customer_id, r.monetary_rpt AS expected_monetary_rpt, m.monetary_rpt AS your_monetary_rpt
FROM ref.customer_activity r JOIN customer_activity m USING (customer_id)
WHERE m.monetary_rpt IS DISTINCT FROM r.monetary_rpt
ORDER BY r.customer_id;
