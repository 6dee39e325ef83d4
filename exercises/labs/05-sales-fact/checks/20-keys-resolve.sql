-- check: Every key finds its dimension row
-- expected: each sale's date, customer, product, store and channel key is a row of its dimension (key 0, the unknown member, included)
-- cause: a key with no dimension row drops the sale from every report that joins; fall back to the unknown member (coalesce(..., 0)), never to a key that does not exist
SELECT f.order_id, f.line_no, f.date_key, f.customer_key, f.product_key, f.store_key, f.channel_key
FROM fact_sales f
WHERE f.date_key NOT IN (SELECT date_key FROM dim_date)
   OR f.customer_key NOT IN (SELECT customer_key FROM dim_customer)
   OR f.product_key NOT IN (SELECT product_key FROM dim_product)
   OR f.store_key NOT IN (SELECT store_key FROM dim_store)
   OR f.channel_key NOT IN (SELECT channel_key FROM dim_channel)
ORDER BY f.order_id, f.line_no;
