-- question: What did the Audio and Speakers categories from suppliers in Asia earn per year, per order currency?
-- flight: Q2.2 (SSB flight 2: revenue by product category and supplier region)
-- teaches: a filter on a small set of dimension values: the dimension is filtered first and its keys probe the fact (hash join build side).
-- rules: cancelled orders are excluded; revenue = net_amount in the order's currency, so grouped by currency_code; category and supplier are the product version's in force at the order (SCD2), which equals the shop's current values as long as no product changed category or supplier after its orders; uncategorised products are 'Unknown'.
SELECT d.year,
       p.category,
       f.currency_code,
       sum(f.quantity) AS units,
       sum(f.net_amount) AS revenue
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
JOIN dim_product p ON p.product_key = f.product_key
WHERE p.category IN ('Audio', 'Speakers') AND p.supplier_region = 'Asia'
  AND f.order_status <> 'cancelled'
GROUP BY d.year, p.category, f.currency_code
ORDER BY d.year, p.category, f.currency_code
