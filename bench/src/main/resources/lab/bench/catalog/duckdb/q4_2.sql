-- question: What profit did European customers bring in 2025-2026 per year, supplier country and top-level category (EUR orders)?
-- flight: Q4.2 (SSB flight 4: profit drilled to supplier country and category)
-- teaches: the parent category is a denormalized attribute of dim_product: the hierarchy costs no join on the star.
-- rules: profit = net_amount - cost_amount_rpt, restricted to EUR orders (net_amount is local, cost_amount_rpt EUR: in EUR orders both are EUR, no FX needed) and to lines whose cost is known (cost_amount_rpt not NULL); cancelled orders excluded; customer geography = fact_sales.geography_key (the customer's country at order time, ISO-2, standardized by the ETL); online orders only (web, app), because a store order may name only a loyalty card and then carries the store's country; parent_category is the product version's in force at the order ('Unknown' when uncategorised).
SELECT d.year,
       p.supplier_country,
       p.parent_category,
       sum(f.net_amount - f.cost_amount_rpt) AS profit
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
JOIN dim_geography g ON g.geography_key = f.geography_key
JOIN dim_product p ON p.product_key = f.product_key
JOIN dim_channel ch ON ch.channel_key = f.channel_key
WHERE g.market_region = 'Europe'
  AND d.year BETWEEN 2025 AND 2026
  AND f.currency_code = 'EUR'
  AND f.cost_amount_rpt IS NOT NULL
  AND ch.channel_code IN ('web', 'app')
  AND f.order_status <> 'cancelled'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
