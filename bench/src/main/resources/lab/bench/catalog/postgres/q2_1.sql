-- question: What did electronics from suppliers in the Americas earn per year and leaf category, per order currency?
-- flight: Q2.1 (SSB flight 2: revenue by product category and supplier region)
-- teaches: the same question walks the snowflake of the OLTP schema: order_items -> products -> categories (twice, for the parent) -> suppliers, for every order line.
-- rules: cancelled orders are excluded; revenue = round(quantity * unit_price * (100 - discount_pct) / 100, 2) per line in the order's currency, so grouped by currency_code; category = the leaf category of products.category_id ('Unknown' when NULL), supplier region = suppliers.region; the year is the UTC order date's.
SELECT extract(year FROM o.ordered_at AT TIME ZONE 'UTC')::int AS year,
       coalesce(c.name, 'Unknown') AS category,
       o.currency_code,
       sum(i.quantity) AS units,
       sum(round(i.quantity * i.unit_price * (100 - i.discount_pct) / 100, 2)) AS revenue
FROM orders o
JOIN order_items i ON i.order_id = o.order_id
JOIN products p ON p.product_id = i.product_id
LEFT JOIN categories c ON c.category_id = p.category_id
LEFT JOIN categories pc ON pc.category_id = c.parent_id
LEFT JOIN suppliers s ON s.supplier_id = p.supplier_id
WHERE pc.name = 'electronics' AND s.region = 'Americas'
  AND o.status <> 'cancelled'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
