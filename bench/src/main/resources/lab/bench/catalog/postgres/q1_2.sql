-- question: How much did discounts give away in January 2025 on lines of 2-4 units with a 10-20 % discount, per order currency?
-- flight: Q1.2 (SSB flight 1: a narrower date filter, one month)
-- teaches: without an index on ordered_at a month's filter still reads every order; the OLTP schema indexes what transactions follow, not what analysts filter on.
-- rules: cancelled orders are excluded; amounts in the order's currency, grouped by currency_code; net = round(quantity * unit_price * (100 - discount_pct) / 100, 2); the month is the UTC order date's.
SELECT o.currency_code,
       count(*) AS lines,
       sum(i.quantity * i.unit_price
           - round(i.quantity * i.unit_price * (100 - i.discount_pct) / 100, 2)) AS discount_given
FROM orders o
JOIN order_items i ON i.order_id = o.order_id
WHERE o.ordered_at >= TIMESTAMPTZ '2025-01-01 00:00:00+00'
  AND o.ordered_at < TIMESTAMPTZ '2025-02-01 00:00:00+00'
  AND i.discount_pct BETWEEN 10 AND 20
  AND i.quantity BETWEEN 2 AND 4
  AND o.status <> 'cancelled'
GROUP BY o.currency_code
ORDER BY o.currency_code
