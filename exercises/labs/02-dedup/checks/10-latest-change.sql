-- check: Every address holds its latest change
-- expected: each row of cur_customer_addresses carries the highest source position the capture wrote for its address (source_lsn), its delete's if it was deleted
-- cause: a re-delivered or late change replaced a newer one, a delete was not applied, or an older change of the batch hid its latest (DuckDB applies only the first of a statement's rows with the same key). At-least-once delivery brings changes again and out of order: keep each address's latest change in the batch first (QUALIFY row_number() OVER (PARTITION BY address_id ORDER BY source_lsn DESC) = 1), then replace a row only if the change comes from a later source position (ON CONFLICT (address_id) DO UPDATE ... WHERE excluded.source_lsn > cur_customer_addresses.source_lsn)
SELECT r.address_id, c.source_lsn AS your_source_lsn, r.source_lsn AS latest_source_lsn,
       c.city AS your_city, r.city AS latest_city, c.valid_to AS your_valid_to,
       r.valid_to AS latest_valid_to
FROM ref.cur_customer_addresses r
LEFT JOIN cur_customer_addresses c USING (address_id)
WHERE c.source_lsn IS DISTINCT FROM r.source_lsn
ORDER BY r.address_id;
