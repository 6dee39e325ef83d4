-- question: What did European customers spend per year on products from European suppliers, by customer country and supplier country (2024-2025)?
-- flight: Q3.1 (SSB flight 3: revenue by customer and supplier geography over years)
-- teaches: two geography roles in one star query (the customer's country at order time, the supplier's country on the product), both already clean ISO codes in the dimensions.
-- rules: cancelled orders excluded; revenue = net_amount in the order's currency, grouped by currency_code; customer geography = fact_sales.geography_key (the customer's country at order time, ISO-2, standardized by the ETL); online orders only (web, app), because a store order may name only a loyalty card and then carries the store's country.
SELECT g.country_code AS customer_country,
       p.supplier_country,
       d.year,
       f.currency_code,
       sum(f.net_amount) AS revenue
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
JOIN dim_geography g ON g.geography_key = f.geography_key
JOIN dim_product p ON p.product_key = f.product_key
JOIN dim_channel ch ON ch.channel_key = f.channel_key
WHERE g.market_region = 'Europe'
  AND p.supplier_region IN ('EU-West', 'EU-North')
  AND d.year BETWEEN 2024 AND 2025
  AND ch.channel_code IN ('web', 'app')
  AND f.order_status <> 'cancelled'
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
