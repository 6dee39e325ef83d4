-- question: How much did discounts give away in ISO week 6 of 2025 on lines of 2-5 units with a 20-30 % discount, per order currency?
-- flight: Q1.3 (SSB flight 1: the narrowest date filter, one week)
-- teaches: the calendar knowledge (which days make ISO week 6) moves into the query as a timestamp range; a tiny result still costs a full scan here.
-- rules: cancelled orders are excluded; amounts in the order's currency, grouped by currency_code; net = round(quantity * unit_price * (100 - discount_pct) / 100, 2); ISO week 6 of 2025 is 2025-02-03 to 2025-02-09 (UTC).
SELECT o.currency_code,
       count(*) AS lines,
       sum(i.quantity * i.unit_price
           - round(i.quantity * i.unit_price * (100 - i.discount_pct) / 100, 2)) AS discount_given
FROM orders o
JOIN order_items i ON i.order_id = o.order_id
WHERE o.ordered_at >= TIMESTAMPTZ '2025-02-03 00:00:00+00'
  AND o.ordered_at < TIMESTAMPTZ '2025-02-10 00:00:00+00'
  AND i.discount_pct BETWEEN 20 AND 30
  AND i.quantity BETWEEN 2 AND 5
  AND o.status <> 'cancelled'
GROUP BY o.currency_code
ORDER BY o.currency_code
