-- The periodic snapshot fact_daily_store_sales.

-- Periodic snapshot: every store on every day of the calendar, an explicit zero where nothing
-- sold. Rebuilt for the days the batch touched and for any day still missing a store's row.
CREATE OR REPLACE TEMP TABLE t_day AS
SELECT DISTINCT date_key FROM t_order_keys
UNION SELECT d.date_key FROM dim_date d
      LEFT JOIN (SELECT date_key, count(*) AS n FROM fact_daily_store_sales GROUP BY date_key) s USING (date_key)
      WHERE coalesce(s.n, 0) <> (SELECT count(*) FROM dim_store);

DELETE FROM fact_daily_store_sales WHERE date_key IN (SELECT date_key FROM t_day);

INSERT INTO fact_daily_store_sales
SELECT d.date_key, s.store_key,
       count(DISTINCT f.order_id), coalesce(sum(f.quantity), 0), coalesce(sum(f.net_amount_rpt), 0)
FROM (SELECT date_key FROM t_day WHERE date_key IN (SELECT date_key FROM dim_date)) d
CROSS JOIN dim_store s
LEFT JOIN fact_sales f
       ON f.date_key = d.date_key AND f.store_key = s.store_key AND f.order_status <> 'cancelled'
GROUP BY d.date_key, s.store_key;
