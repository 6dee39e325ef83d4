-- question: How much did discounts give away in ISO week 6 of 2025 on lines of 2-5 units with a 20-30 % discount, per order currency?
-- flight: Q1.3 (SSB flight 1: the narrowest date filter, one week)
-- teaches: the date dimension carries calendar attributes (ISO week) that would otherwise be a function call per row.
-- rules: cancelled orders are excluded; amounts in the order's currency, grouped by currency_code; discount given = gross_amount - net_amount; ISO week 6 of 2025 is 2025-02-03 to 2025-02-09 (UTC order dates).
SELECT f.currency_code,
       count(*) AS lines,
       sum(f.gross_amount - f.net_amount) AS discount_given
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
WHERE d.year = 2025
  AND d.week_of_year = 6
  AND f.discount_pct BETWEEN 20 AND 30
  AND f.quantity BETWEEN 2 AND 5
  AND f.order_status <> 'cancelled'
GROUP BY f.currency_code
ORDER BY f.currency_code
