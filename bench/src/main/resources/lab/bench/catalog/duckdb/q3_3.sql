-- question: What did the stores in the United Kingdom and Germany sell per year, by store city and supplier region?
-- flight: Q3.3 (SSB flight 3: city level, store geography)
-- teaches: a third geography role: the store (its own dimension, with its country through dim_geography); an outrigger join from one dimension to another.
-- rules: cancelled orders excluded; revenue = net_amount in the order's currency, grouped by currency_code; store orders only (store_key <> 0); store country from dim_store.geography_key.
SELECT st.city AS store_city,
       p.supplier_region,
       d.year,
       f.currency_code,
       sum(f.quantity) AS units,
       sum(f.net_amount) AS revenue
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
JOIN dim_store st ON st.store_key = f.store_key
JOIN dim_geography sg ON sg.geography_key = st.geography_key
JOIN dim_product p ON p.product_key = f.product_key
WHERE sg.country_code IN ('GB', 'DE')
  AND f.store_key <> 0
  AND f.order_status <> 'cancelled'
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
