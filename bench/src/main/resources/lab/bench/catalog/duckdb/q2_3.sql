-- question: What did the Coffee category from suppliers in EU-West earn per year, per order currency?
-- flight: Q2.3 (SSB flight 2: revenue by product category and supplier region)
-- teaches: the most selective flight-2 query: a tiny dimension filter, and the column store still scans the fact's key columns only.
-- rules: cancelled orders are excluded; revenue = net_amount in the order's currency, so grouped by currency_code; category and supplier are the product version's in force at the order (SCD2), which equals the shop's current values as long as no product changed category or supplier after its orders; uncategorised products are 'Unknown'.
SELECT d.year,
       p.category,
       f.currency_code,
       sum(f.quantity) AS units,
       sum(f.net_amount) AS revenue
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
JOIN dim_product p ON p.product_key = f.product_key
WHERE p.category = 'Coffee' AND p.supplier_region = 'EU-West'
  AND f.order_status <> 'cancelled'
GROUP BY d.year, p.category, f.currency_code
ORDER BY d.year, p.category, f.currency_code
