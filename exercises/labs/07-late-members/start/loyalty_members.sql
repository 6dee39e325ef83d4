-- Lab 7: loyalty members in dim_customer, a late-arriving dimension. Read README.md beside this
-- lab first.
--
-- This step runs inside every batch. t_card holds the loyalty cards the batch touched (on its
-- orders or in its CRM imports); customer_id_map gives each card its conformed customer_id (a
-- negative one, card_id(card)); cur_crm_customer_imports holds the members the CRM has delivered.
--
-- As it stands, a card gets a member only once the CRM has delivered it: until then its orders
-- point at a customer that does not exist. Your task: see README.md.

DELETE FROM dim_customer
WHERE customer_id IN (SELECT customer_id FROM customer_id_map WHERE loyalty_card IN (SELECT loyalty_card FROM t_card));

INSERT INTO dim_customer
WITH member AS (
    SELECT loyalty_card, max(import_id) AS import_id,
           arg_max(email_std, import_id) AS email_std, arg_max(full_name, import_id) AS full_name,
           arg_max(phone_e164, import_id) AS phone_e164, arg_max(birth_date_std, import_id) AS birth_date_std,
           arg_max(postcode, import_id) AS postcode, arg_max(country_code, import_id) AS country_code,
           arg_max(registered_at_utc, import_id) AS registered_at_utc
    FROM cur_crm_customer_imports
    WHERE NOT is_deleted AND loyalty_card IN (SELECT loyalty_card FROM t_card)
    GROUP BY loyalty_card
)
SELECT skey('card|' || m.loyalty_card), m.customer_id,
       i.email_std, i.full_name, i.phone_e164, i.birth_date_std,
       'consumer',
       'Unknown', i.postcode, geo_key(i.country_code), i.registered_at_utc,
       TIMESTAMPTZ '1900-01-01 00:00:00+00', NULL, true,
       false, false, true, i.country_code IS NULL
FROM customer_id_map m JOIN member i USING (loyalty_card)
WHERE m.loyalty_card IN (SELECT loyalty_card FROM t_card);
