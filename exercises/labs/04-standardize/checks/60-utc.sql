-- check: Registration times are the instants they name, in UTC
-- expected: registered_at_utc is the UTC instant of a time written with its offset (2024-09-04 22:18:00+0530 is 16:48 UTC; 2024-10-25T14:12:00-05:00 is 19:12 UTC)
-- cause: parse the offset too: the pattern yyyy-MM-dd'T'HH:mm:ssXXX reads +02:00 and Z, yyyy-MM-dd HH:mm:ssxx reads +0200; a time parsed without its offset is read as if it were UTC
SELECT r.import_id, r.registered_at AS shop_has, r.registered_at_utc AS expected,
       y.registered_at_utc AS yours
FROM ref.cur_crm_customer_imports r LEFT JOIN cur_crm_customer_imports y USING (import_id)
WHERE y.registered_at_utc IS DISTINCT FROM r.registered_at_utc
   OR y.registered_at_unreadable IS DISTINCT FROM r.registered_at_unreadable
ORDER BY r.import_id;
