-- question: How do orders, units and revenue develop month by month, per order currency?
-- flight: business (monthly revenue trend)
-- teaches: on the OLTP schema the month is computed from ordered_at for every order, and the whole history is read and joined to its lines.
-- rules: cancelled orders excluded; revenue = round(quantity * unit_price * (100 - discount_pct) / 100, 2) in the order's currency (grouped by currency_code, no FX); the month (yyyymm) is the UTC order date's.
SELECT to_char(o.ordered_at AT TIME ZONE 'UTC', 'YYYYMM')::int AS year_month,
       o.currency_code,
       count(DISTINCT o.order_id) AS orders,
       sum(i.quantity) AS units,
       sum(round(i.quantity * i.unit_price * (100 - i.discount_pct) / 100, 2)) AS revenue
FROM orders o
JOIN order_items i ON i.order_id = o.order_id
WHERE o.status <> 'cancelled'
GROUP BY 1, 2
ORDER BY 1, 2
