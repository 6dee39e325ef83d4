-- question: How much did discounts give away in January 2025 on lines of 2-4 units with a 10-20 % discount, per order currency?
-- flight: Q1.2 (SSB flight 1: a narrower date filter, one month)
-- teaches: filtering on a dimension attribute (year_month) instead of computing it from a timestamp; zone maps let a column store skip row groups of other months.
-- rules: cancelled orders are excluded; amounts in the order's currency, grouped by currency_code; discount given = gross_amount - net_amount; the month is the UTC order date's.
SELECT f.currency_code,
       count(*) AS lines,
       sum(f.gross_amount - f.net_amount) AS discount_given
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
WHERE d.year_month = 202501
  AND f.discount_pct BETWEEN 10 AND 20
  AND f.quantity BETWEEN 2 AND 4
  AND f.order_status <> 'cancelled'
GROUP BY f.currency_code
ORDER BY f.currency_code
