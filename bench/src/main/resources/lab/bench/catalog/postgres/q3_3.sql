-- question: What did the stores in the United Kingdom and Germany sell per year, by store city and supplier region?
-- flight: Q3.3 (SSB flight 3: city level, store geography)
-- teaches: here the filter is on an indexed path (orders.store_id has an index), but the planner still prefers scanning when the stores hold a large share of the orders.
-- rules: cancelled orders excluded; revenue = round(quantity * unit_price * (100 - discount_pct) / 100, 2) in the order's currency, grouped by currency_code; store orders only (orders.store_id set); store country = stores.country (clean ISO-2); a product without a supplier counts as supplier region 'Unknown'.
SELECT st.city AS store_city,
       coalesce(s.region, 'Unknown') AS supplier_region,
       extract(year FROM o.ordered_at AT TIME ZONE 'UTC')::int AS year,
       o.currency_code,
       sum(i.quantity) AS units,
       sum(round(i.quantity * i.unit_price * (100 - i.discount_pct) / 100, 2)) AS revenue
FROM orders o
JOIN stores st ON st.store_id = o.store_id
JOIN order_items i ON i.order_id = o.order_id
JOIN products p ON p.product_id = i.product_id
LEFT JOIN suppliers s ON s.supplier_id = p.supplier_id
WHERE st.country IN ('GB', 'DE')
  AND o.status <> 'cancelled'
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
