-- question: What did each store city sell in December 2025, by supplier country?
-- flight: Q3.4 (SSB flight 3: city level and one month, the most selective of the flight)
-- teaches: a highly selective date filter on a star: the fact's date_key is filtered through a semi-join from dim_date, and zone maps skip most of the fact.
-- rules: cancelled orders excluded; revenue = net_amount in the order's currency, grouped by currency_code; store orders only (store_key <> 0); the month is the UTC order date's.
SELECT st.city AS store_city,
       p.supplier_country,
       f.currency_code,
       count(DISTINCT f.order_id) AS orders,
       sum(f.net_amount) AS revenue
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
JOIN dim_store st ON st.store_key = f.store_key
JOIN dim_product p ON p.product_key = f.product_key
WHERE d.year_month = 202512
  AND f.store_key <> 0
  AND f.order_status <> 'cancelled'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
