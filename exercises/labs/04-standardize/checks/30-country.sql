-- check: Countries are ISO 3166-1 alpha-2 codes
-- expected: country_code is the two-letter code for a code in any case or an English name in any case ('germany' and 'Germany' are DE), NULL for anything else — in addresses and in the CRM's imports
-- cause: trim and lower-case first; a value whose upper case is one of Markets.COUNTRY_CODES is that code, otherwise look the lower-cased name up in Markets.COUNTRY_NAMES
SELECT 'customer_addresses' AS source, r.address_id AS id, '"' || r.country || '"' AS shop_has,
       r.country_code AS expected, y.country_code AS yours
FROM ref.cur_customer_addresses r LEFT JOIN cur_customer_addresses y USING (address_id)
WHERE y.country_code IS DISTINCT FROM r.country_code
UNION ALL
SELECT 'crm_customer_imports', r.import_id, '"' || r.country || '"', r.country_code, y.country_code
FROM ref.cur_crm_customer_imports r LEFT JOIN cur_crm_customer_imports y USING (import_id)
WHERE y.country_code IS DISTINCT FROM r.country_code
ORDER BY source, id;
