-- Lab 6: customer versions (SCD type 2) in dim_customer. Read README.md beside this lab first.
--
-- This step runs inside every batch, after the batch's changes are in the change layer
-- (cur_customers, cur_customer_addresses, hist_customers: every image of a customer, in
-- source_lsn order). t_conformed and t_customer hold the customer ids the batch touched.
--
-- As it stands, the step keeps ONE version per customer, the latest state: a type-1 dimension.
-- A customer who moved from Berlin to Paris has all her old orders in Paris. Your task: make it
-- type 2 (see README.md for the rules).

DELETE FROM dim_customer
WHERE customer_id IN (SELECT customer_id FROM t_conformed UNION SELECT customer_id FROM t_customer)
  AND customer_id > 0;

-- Only shop customers that are their own conformed id get versions (duplicates are merged).
INSERT INTO dim_customer
WITH c AS (
    SELECT * FROM cur_customers
    WHERE customer_id IN (SELECT customer_id FROM t_conformed)
      AND customer_id IN (SELECT customer_id FROM customer_id_map WHERE source_customer_id = customer_id)
), latest_address AS (
    SELECT customer_id, arg_max(city, valid_from) AS city, arg_max(postcode, valid_from) AS postcode,
           arg_max(country_code, valid_from) AS country_code
    FROM cur_customer_addresses WHERE customer_id IN (SELECT customer_id FROM c)
    GROUP BY customer_id
)
SELECT skey('customer|' || c.customer_id || '|first'),           -- customer_key
       c.customer_id,
       CASE WHEN c.erased_at IS NULL THEN c.email_std END,         -- email_std
       CASE WHEN c.erased_at IS NULL THEN c.full_name ELSE 'Erased' END,
       CASE WHEN c.erased_at IS NULL THEN c.phone_e164 END,
       CASE WHEN c.erased_at IS NULL THEN c.birth_date END,
       coalesce(c.segment, 'Unknown'),                             -- segment
       coalesce(a.city, 'Unknown'),                                -- city
       CASE WHEN c.erased_at IS NULL THEN a.postcode END,
       geo_key(a.country_code),                                    -- geography_key
       c.created_at,                                               -- signed_up_at
       TIMESTAMPTZ '1900-01-01 00:00:00+00',                       -- valid_from
       NULL,                                                       -- valid_to
       true,                                                       -- is_current
       false,                                                      -- is_inferred
       c.erased_at IS NOT NULL,                                    -- is_erased
       c.segment IS NULL,                                          -- segment_filled
       a.country_code IS NULL                                      -- geography_filled
FROM c LEFT JOIN latest_address a USING (customer_id);
