-- question: What did customers in Germany and France spend in 2025 on each Dutch supplier's products?
-- flight: Q3.2 (SSB flight 3: one level down, a few countries and single suppliers)
-- teaches: a drill-down from region to country to supplier is only a different filter and GROUP BY on the same star.
-- rules: cancelled orders excluded; revenue = net_amount in the order's currency, grouped by currency_code; customer geography = fact_sales.geography_key (the customer's country at order time, ISO-2, standardized by the ETL); online orders only (web, app), because a store order may name only a loyalty card and then carries the store's country; supplier_name is the product version's in force at the order.
SELECT g.country_code AS customer_country,
       p.supplier_name,
       f.currency_code,
       sum(f.net_amount) AS revenue
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
JOIN dim_geography g ON g.geography_key = f.geography_key
JOIN dim_product p ON p.product_key = f.product_key
JOIN dim_channel ch ON ch.channel_key = f.channel_key
WHERE g.country_code IN ('DE', 'FR')
  AND p.supplier_country = 'NL'
  AND d.year = 2025
  AND ch.channel_code IN ('web', 'app')
  AND f.order_status <> 'cancelled'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
