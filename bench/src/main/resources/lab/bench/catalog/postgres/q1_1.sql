-- question: How much did discounts give away in 2025 on lines of 1-2 units with a 5-15 % discount, per order currency?
-- flight: Q1.1 (SSB flight 1: filtered revenue by date, discount and quantity)
-- teaches: the same filter on the normalized shop: every order and every line is read in full (row store, no index on ordered_at), and the net amount is computed per line at query time.
-- rules: cancelled orders are excluded; amounts are in the order's currency (no FX), so grouped by currency_code; net = round(quantity * unit_price * (100 - discount_pct) / 100, 2) per line, discount given = quantity * unit_price - net; the year is the UTC order date's.
SELECT o.currency_code,
       count(*) AS lines,
       sum(i.quantity * i.unit_price
           - round(i.quantity * i.unit_price * (100 - i.discount_pct) / 100, 2)) AS discount_given
FROM orders o
JOIN order_items i ON i.order_id = o.order_id
WHERE o.ordered_at >= TIMESTAMPTZ '2025-01-01 00:00:00+00'
  AND o.ordered_at < TIMESTAMPTZ '2026-01-01 00:00:00+00'
  AND i.discount_pct BETWEEN 5 AND 15
  AND i.quantity < 3
  AND o.status <> 'cancelled'
GROUP BY o.currency_code
ORDER BY o.currency_code
