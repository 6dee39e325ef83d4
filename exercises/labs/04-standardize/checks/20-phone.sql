-- check: Phone numbers are in E.164
-- expected: phone_e164 is +<country code><number> with the separators gone: 00 becomes +, and a national number (trunk 0) takes the calling code of the customer's country (Markets.CALLING_CODES)
-- cause: drop [\s\-.()] first, then decide by the start (+, 00, or 0 followed by a digit); look the country's code up in a map column with try_element_at, and keep only what matches ^\+[1-9][0-9]{6,14}$
SELECT 'customers' AS source, r.customer_id AS id, r.phone AS shop_has, r.country,
       r.phone_e164 AS expected, y.phone_e164 AS yours
FROM ref.cur_customers r LEFT JOIN cur_customers y USING (customer_id)
WHERE y.phone_e164 IS DISTINCT FROM r.phone_e164
UNION ALL
SELECT 'crm_customer_imports', r.import_id, r.phone, r.country, r.phone_e164, y.phone_e164
FROM ref.cur_crm_customer_imports r LEFT JOIN cur_crm_customer_imports y USING (import_id)
WHERE y.phone_e164 IS DISTINCT FROM r.phone_e164
ORDER BY source, id;
