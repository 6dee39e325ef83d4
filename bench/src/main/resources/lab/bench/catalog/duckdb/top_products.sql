-- question: Which three products sold the most units in each leaf category?
-- flight: business (top products per category)
-- teaches: a window function ranking inside groups, filtered with QUALIFY; ties are broken by product_id so the answer is deterministic.
-- rules: cancelled orders excluded; units (not money) so no currency question arises; a product is its natural key product_id (all its SCD2 versions together), its category the version's in force at each order ('Unknown' when uncategorised).
SELECT p.category,
       p.product_id,
       p.sku,
       sum(f.quantity) AS units,
       count(*) AS lines,
       row_number() OVER (PARTITION BY p.category ORDER BY sum(f.quantity) DESC, p.product_id) AS rank
FROM fact_sales f
JOIN dim_product p ON p.product_key = f.product_key
WHERE f.order_status <> 'cancelled'
GROUP BY p.category, p.product_id, p.sku
QUALIFY rank <= 3
ORDER BY p.category, rank
