-- check: A tombstone keeps the address as it was
-- expected: a deleted address keeps its last customer, street, city and validity
-- cause: a delete's image holds only the key (the capture fills the other required columns with empty values, '' and 0): on a delete, change only source_lsn, source_ts and is_deleted
SELECT r.address_id, c.customer_id AS your_customer_id, r.customer_id AS last_customer_id,
       c.city AS your_city, r.city AS last_city
FROM ref.cur_customer_addresses r
JOIN cur_customer_addresses c USING (address_id)
WHERE r.is_deleted AND c.is_deleted
  AND (c.customer_id IS DISTINCT FROM r.customer_id OR c.street IS DISTINCT FROM r.street
       OR c.city IS DISTINCT FROM r.city OR c.valid_from IS DISTINCT FROM r.valid_from
       OR c.valid_to IS DISTINCT FROM r.valid_to)
ORDER BY r.address_id;
