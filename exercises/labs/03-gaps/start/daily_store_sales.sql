-- Lab 3: the periodic snapshot fact_daily_store_sales. Read README.md beside this lab first.
--
-- This step runs inside every batch, after fact_sales is rebuilt. t_order_keys holds the orders
-- the batch touched (with their date_key); dim_date is the calendar and dim_store every store,
-- the web shop and the app included (store_key 0).

-- The days to rebuild: those the batch touched, and any day of the calendar still missing a
-- store's row.
CREATE OR REPLACE TEMP TABLE t_day AS
SELECT DISTINCT date_key FROM t_order_keys
UNION SELECT d.date_key FROM dim_date d
      LEFT JOIN (SELECT date_key, count(*) AS n FROM fact_daily_store_sales GROUP BY date_key) s USING (date_key)
      WHERE coalesce(s.n, 0) <> (SELECT count(*) FROM dim_store);

DELETE FROM fact_daily_store_sales WHERE date_key IN (SELECT date_key FROM t_day);

-- As it stands: a GROUP BY of the sales, so a store's row exists only on days it sold something.
INSERT INTO fact_daily_store_sales
SELECT f.date_key, f.store_key,
       count(DISTINCT f.order_id),                -- orders
       sum(f.quantity),                           -- units
       coalesce(sum(f.net_amount_rpt), 0)         -- net_amount_rpt (EUR)
FROM fact_sales f
WHERE f.date_key IN (SELECT date_key FROM t_day) AND f.order_status <> 'cancelled'
GROUP BY f.date_key, f.store_key;
