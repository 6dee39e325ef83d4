-- question: Which three products sold the most units in each leaf category?
-- flight: business (top products per category)
-- teaches: PostgreSQL has no QUALIFY: the ranking goes into a subquery filtered outside; the aggregation over every order line comes first either way.
-- rules: cancelled orders excluded; units (not money), no currency question; category = the leaf category of products.category_id ('Unknown' when NULL); ties broken by product_id.
SELECT category, product_id, sku, units, lines, rank
FROM (
    SELECT coalesce(c.name, 'Unknown') AS category,
           p.product_id,
           p.sku,
           sum(i.quantity) AS units,
           count(*) AS lines,
           row_number() OVER (PARTITION BY coalesce(c.name, 'Unknown')
                              ORDER BY sum(i.quantity) DESC, p.product_id) AS rank
    FROM orders o
    JOIN order_items i ON i.order_id = o.order_id
    JOIN products p ON p.product_id = i.product_id
    LEFT JOIN categories c ON c.category_id = p.category_id
    WHERE o.status <> 'cancelled'
    GROUP BY 1, p.product_id, p.sku
) ranked
WHERE rank <= 3
ORDER BY category, rank
