-- question: How much did discounts give away in 2025 on lines of 1-2 units with a 5-15 % discount, per order currency?
-- flight: Q1.1 (SSB flight 1: filtered revenue by date, discount and quantity)
-- teaches: one fact scan with selective filters on two measures and a date attribute; a column store reads only the few columns it filters and sums.
-- rules: cancelled orders are excluded; amounts are in the order's currency (no FX), so grouped by currency_code; discount given = gross_amount - net_amount per line; the year is the UTC order date's.
SELECT f.currency_code,
       count(*) AS lines,
       sum(f.gross_amount - f.net_amount) AS discount_given
FROM fact_sales f
JOIN dim_date d ON d.date_key = f.date_key
WHERE d.year = 2025
  AND f.discount_pct BETWEEN 5 AND 15
  AND f.quantity < 3
  AND f.order_status <> 'cancelled'
GROUP BY f.currency_code
ORDER BY f.currency_code
