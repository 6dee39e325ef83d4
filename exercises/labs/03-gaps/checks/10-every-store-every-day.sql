-- check: Every store on every day
-- expected: one row for each store on each day of the calendar (dim_store x dim_date), an explicit zero where nothing sold
-- cause: a GROUP BY of the sales has no row for a day without sales; start from the days and the stores (a CROSS JOIN) and LEFT JOIN the sales to them
SELECT d.date_key, count(s.store_key) AS your_rows, (SELECT count(*) FROM dim_store) AS stores
FROM dim_date d
LEFT JOIN fact_daily_store_sales s USING (date_key)
GROUP BY d.date_key
HAVING count(s.store_key) <> (SELECT count(*) FROM dim_store)
ORDER BY d.date_key;
