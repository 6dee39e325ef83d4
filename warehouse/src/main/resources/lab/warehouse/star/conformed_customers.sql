-- Conformed customers: duplicate persons become one customer (customer_id_map), and the keys
-- whose dimension rows the next steps rebuild (t_conformed, t_card).
--
-- Rule: two shop customers are one person when their standardized emails are equal, or when full
-- name (trimmed, lower-case), birth date and the postcode of their first address are all equal.
-- The conformed id is the lowest shop id of the group (the first registration). Erased customers
-- and deleted rows stand alone. Loyalty-card members from the CRM get a negative id derived from
-- the card, so an order can name its member before the CRM delivers it. Rebuilt whole each batch
-- (one pass over the customers) so that it never depends on the order changes arrived in.

CREATE OR REPLACE TEMP TABLE t_map_before AS SELECT * FROM customer_id_map;

DELETE FROM customer_id_map;

INSERT INTO customer_id_map
WITH first_address AS (
    SELECT customer_id, arg_min(postcode, valid_from) AS postcode
    FROM cur_customer_addresses GROUP BY customer_id
), person AS (
    SELECT c.customer_id, c.email_std, lower(trim(c.full_name)) AS name_key, c.birth_date,
           a.postcode, (c.erased_at IS NOT NULL OR c.is_deleted) AS stands_alone
    FROM cur_customers c LEFT JOIN first_address a USING (customer_id)
), matched AS (
    SELECT customer_id,
           CASE WHEN stands_alone OR email_std IS NULL THEN customer_id
                ELSE min(CASE WHEN NOT stands_alone THEN customer_id END)
                     OVER (PARTITION BY email_std) END AS by_email,
           CASE WHEN stands_alone OR birth_date IS NULL OR postcode IS NULL OR name_key IS NULL THEN customer_id
                ELSE min(CASE WHEN NOT stands_alone THEN customer_id END)
                     OVER (PARTITION BY name_key, birth_date, postcode) END AS by_person
    FROM person
)
SELECT customer_id, NULL, least(by_email, by_person),
       CASE WHEN least(by_email, by_person) = customer_id THEN 'self'
            WHEN by_email <= by_person THEN 'email'
            ELSE 'name+birth_date+postcode' END
FROM matched
UNION ALL
SELECT NULL, loyalty_card, card_id(loyalty_card), 'loyalty_card'
FROM (SELECT loyalty_card FROM cur_crm_customer_imports WHERE NOT is_deleted
      UNION SELECT loyalty_card FROM cur_orders WHERE customer_id IS NULL AND loyalty_card IS NOT NULL);

-- Conformed customers whose dimension rows are rebuilt: those of touched shop customers, and
-- every one whose group gained or lost a member.
CREATE OR REPLACE TEMP TABLE t_conformed AS
SELECT m.customer_id FROM customer_id_map m JOIN t_customer t ON t.customer_id = m.source_customer_id
UNION SELECT m.customer_id FROM customer_id_map m
      LEFT JOIN t_map_before b ON b.source_customer_id = m.source_customer_id
      WHERE m.source_customer_id IS NOT NULL AND b.customer_id IS DISTINCT FROM m.customer_id
UNION SELECT b.customer_id FROM t_map_before b
      LEFT JOIN customer_id_map m ON m.source_customer_id = b.source_customer_id
      WHERE b.source_customer_id IS NOT NULL AND m.customer_id IS DISTINCT FROM b.customer_id;

-- Loyalty cards to rebuild: members the CRM delivered in this batch, and cards on touched orders.
CREATE OR REPLACE TEMP TABLE t_card AS
SELECT i.loyalty_card FROM cur_crm_customer_imports i
WHERE i.import_id IN (SELECT CAST(image->>'import_id' AS BIGINT) FROM stage_change WHERE tbl = 'crm_customer_imports')
UNION SELECT o.loyalty_card FROM cur_orders o JOIN t_order USING (order_id)
WHERE o.customer_id IS NULL AND o.loyalty_card IS NOT NULL;
