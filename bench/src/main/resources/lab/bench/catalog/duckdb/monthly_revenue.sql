-- question: How do orders, units and revenue develop month by month, per order currency?
-- flight: business (monthly revenue trend)
-- teaches: the analyst's first chart: a fact grouped by a date-dimension attribute; year_month is precomputed, not derived from a timestamp per row.
-- rules: cancelled orders excluded; revenue = net_amount in the order's currency (grouped by currency_code, no FX); orders = distinct order_id; the month is the UTC order date's.
SELECT d.year_month,
       f.currency_code,
       count(DISTINCT f.order_id) AS orders,
       sum(f.quantity) AS units,
       sum(f.net_amount) AS revenue
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
WHERE f.order_status <> 'cancelled'
GROUP BY 1, 2
ORDER BY 1, 2
