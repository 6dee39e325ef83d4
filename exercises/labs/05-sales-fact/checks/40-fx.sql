-- check: Every sale has its EUR amount, at the rate in force on its day
-- expected: fx_rate_to_rpt is the latest rate of the order's currency published on or before the order day (1 for EUR), and net_amount_rpt is net_amount converted at it, never NULL
-- cause: no rates are published at weekends, and an exact-day join leaves weekend sales without one: carry the last rate forward (an ASOF JOIN on the rate's date). Rates are units of the currency per EUR: divide by them
SELECT f.order_id, f.line_no, f.date_key, f.currency_code, f.net_amount,
       f.fx_rate_to_rpt AS your_rate, r.fx_rate_to_rpt AS expected_rate,
       f.net_amount_rpt AS your_eur, r.net_amount_rpt AS expected_eur
FROM fact_sales f JOIN ref.fact_sales r USING (order_id, line_no)
WHERE f.fx_rate_to_rpt IS DISTINCT FROM r.fx_rate_to_rpt
   OR f.net_amount_rpt IS DISTINCT FROM r.net_amount_rpt
ORDER BY f.order_id, f.line_no;
