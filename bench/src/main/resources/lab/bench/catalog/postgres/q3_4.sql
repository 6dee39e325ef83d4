-- question: What did each store city sell in December 2025, by supplier country?
-- flight: Q3.4 (SSB flight 3: city level and one month, the most selective of the flight)
-- teaches: a one-month filter on a timestamp with no index: PostgreSQL reads every order to find one month's.
-- rules: cancelled orders excluded; revenue = round(quantity * unit_price * (100 - discount_pct) / 100, 2) in the order's currency, grouped by currency_code; store orders only (orders.store_id set); the month is the UTC order date's; a product without a supplier counts as supplier country '??' (the star's Unknown code).
SELECT st.city AS store_city,
       coalesce(s.country, '??') AS supplier_country,
       o.currency_code,
       count(DISTINCT o.order_id) AS orders,
       sum(round(i.quantity * i.unit_price * (100 - i.discount_pct) / 100, 2)) AS revenue
FROM orders o
JOIN stores st ON st.store_id = o.store_id
JOIN order_items i ON i.order_id = o.order_id
JOIN products p ON p.product_id = i.product_id
LEFT JOIN suppliers s ON s.supplier_id = p.supplier_id
WHERE o.ordered_at >= TIMESTAMPTZ '2025-12-01 00:00:00+00'
  AND o.ordered_at < TIMESTAMPTZ '2026-01-01 00:00:00+00'
  AND o.status <> 'cancelled'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
