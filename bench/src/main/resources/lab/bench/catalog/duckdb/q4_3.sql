-- question: What profit did each Dutch supplier make per year and kitchen category in 2025-2026 (EUR orders, every channel)?
-- flight: Q4.3 (SSB flight 4: the narrowest profit drill-down, single suppliers and leaf categories)
-- teaches: all the filters sit on one dimension (dim_product); the star turns them into one small hash table probed by the fact scan.
-- rules: profit = net_amount - cost_amount_rpt, restricted to EUR orders (net_amount is local, cost_amount_rpt EUR: in EUR orders both are EUR, no FX needed) and to lines whose cost is known (cost_amount_rpt not NULL); cancelled orders excluded; every channel, stores included; category and supplier are the product version's in force at the order.
SELECT d.year,
       p.supplier_name,
       p.category,
       sum(f.quantity) AS units,
       sum(f.net_amount - f.cost_amount_rpt) AS profit
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
JOIN dim_product p ON p.product_key = f.product_key
WHERE p.supplier_country = 'NL'
  AND p.parent_category = 'kitchen'
  AND d.year BETWEEN 2025 AND 2026
  AND f.currency_code = 'EUR'
  AND f.cost_amount_rpt IS NOT NULL
  AND f.order_status <> 'cancelled'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
