-- Customer versions (SCD2) in dim_customer for the conformed customers touched (t_conformed,
-- t_customer).

-- A new version starts when the segment changes (at the change's commit time) or the customer
-- moves (at the new address's valid_from). The first version starts at the beginning of time
-- (1900-01-01, Kimball's convention; -infinity confuses many tools), so no fact can fall before
-- it, and its key does not depend on when it starts: an inferred member completed later keeps
-- its key. Email, name, phone and birth date are type 1 (corrections, the
-- latest value on every version). Erasure anonymizes every version; facts keep their keys.

DELETE FROM dim_customer
WHERE customer_id IN (SELECT customer_id FROM t_conformed UNION SELECT customer_id FROM t_customer)
  AND customer_id > 0;

-- Only shop customers that are their own conformed id get versions: t_conformed also holds ids
-- a group has just absorbed (their rows were deleted above and must not come back).
INSERT INTO dim_customer
WITH c AS (
    SELECT * FROM cur_customers
    WHERE customer_id IN (SELECT customer_id FROM t_conformed)
      AND customer_id IN (SELECT customer_id FROM customer_id_map WHERE source_customer_id = customer_id)
), seg AS (
    SELECT customer_id, segment,
           CASE WHEN row_number() OVER w = 1 THEN TIMESTAMPTZ '1900-01-01 00:00:00+00' ELSE source_ts END AS eff,
           lag(segment) OVER w AS previous
    FROM hist_customers
    WHERE customer_id IN (SELECT customer_id FROM c) AND NOT is_deleted
    WINDOW w AS (PARTITION BY customer_id ORDER BY source_lsn)
), addr AS (
    SELECT customer_id, valid_from, city, postcode, country_code,
           row_number() OVER (PARTITION BY customer_id ORDER BY valid_from) AS nth
    FROM cur_customer_addresses WHERE customer_id IN (SELECT customer_id FROM c)
), starts AS (
    SELECT customer_id, TIMESTAMPTZ '1900-01-01 00:00:00+00' AS valid_from FROM c
    UNION SELECT customer_id, eff FROM seg WHERE previous IS NOT NULL AND segment IS DISTINCT FROM previous
    UNION SELECT customer_id, valid_from FROM addr WHERE nth > 1
), versions AS (
    SELECT customer_id, valid_from,
           lead(valid_from) OVER (PARTITION BY customer_id ORDER BY valid_from) AS valid_to
    FROM starts
), dated AS (
    SELECT v.*, s.segment, a.city, a.postcode, a.country_code
    FROM versions v
    ASOF LEFT JOIN seg s ON s.customer_id = v.customer_id AND v.valid_from >= s.eff
    ASOF LEFT JOIN (SELECT * FROM addr) a ON a.customer_id = v.customer_id AND v.valid_from >= a.valid_from
), filled AS (  -- the first version takes the first address: the customer had it from sign-up
    SELECT d.customer_id, d.valid_from, d.valid_to, d.segment,
           coalesce(d.city, f.city) AS city, coalesce(d.postcode, f.postcode) AS postcode,
           coalesce(d.country_code, f.country_code) AS country_code
    FROM dated d LEFT JOIN addr f ON f.customer_id = d.customer_id AND f.nth = 1
)
SELECT CASE WHEN f.valid_from = TIMESTAMPTZ '1900-01-01 00:00:00+00' THEN skey('customer|' || f.customer_id || '|first')
            ELSE skey('customer|' || f.customer_id || '|' || epoch_us(f.valid_from)) END,
       f.customer_id,
       CASE WHEN c.erased_at IS NULL THEN c.email_std END,
       CASE WHEN c.erased_at IS NULL THEN c.full_name ELSE 'Erased' END,
       CASE WHEN c.erased_at IS NULL THEN c.phone_e164 END,
       CASE WHEN c.erased_at IS NULL THEN c.birth_date END,
       coalesce(f.segment, 'Unknown'),
       coalesce(f.city, 'Unknown'),
       CASE WHEN c.erased_at IS NULL THEN f.postcode END,
       geo_key(f.country_code),
       c.created_at,
       f.valid_from, f.valid_to, f.valid_to IS NULL,
       false, c.erased_at IS NOT NULL, f.segment IS NULL, f.country_code IS NULL
FROM filled f JOIN c USING (customer_id);
