-- question: What profit did each Dutch supplier make per year and kitchen category in 2025-2026 (EUR orders, every channel)?
-- flight: Q4.3 (SSB flight 4: the narrowest profit drill-down, single suppliers and leaf categories)
-- teaches: the filters sit on three normalized tables (suppliers, categories twice); PostgreSQL joins them to every order line before it can discard most lines.
-- rules: profit = round(quantity * unit_price * (100 - discount_pct) / 100, 2) - quantity * products.unit_cost (unit_cost is EUR), restricted to EUR orders and products with a unit_cost; cancelled orders excluded; every channel, stores included; category = leaf category name, parent = its parent's name, supplier = suppliers.name and suppliers.country.
SELECT extract(year FROM o.ordered_at AT TIME ZONE 'UTC')::int AS year,
       s.name AS supplier_name,
       c.name AS category,
       sum(i.quantity) AS units,
       sum(round(i.quantity * i.unit_price * (100 - i.discount_pct) / 100, 2)
           - i.quantity * p.unit_cost) AS profit
FROM orders o
JOIN order_items i ON i.order_id = o.order_id
JOIN products p ON p.product_id = i.product_id
JOIN categories c ON c.category_id = p.category_id
JOIN categories pc ON pc.category_id = c.parent_id
JOIN suppliers s ON s.supplier_id = p.supplier_id
WHERE s.country = 'NL'
  AND pc.name = 'kitchen'
  AND o.ordered_at >= TIMESTAMPTZ '2025-01-01 00:00:00+00'
  AND o.ordered_at < TIMESTAMPTZ '2027-01-01 00:00:00+00'
  AND o.currency_code = 'EUR'
  AND p.unit_cost IS NOT NULL
  AND o.status <> 'cancelled'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
