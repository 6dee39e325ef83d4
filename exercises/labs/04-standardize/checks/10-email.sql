-- check: Emails have one spelling
-- expected: email_std is the email without the whitespace around it, lower-cased (NULL when nothing is left), in the customers and in the CRM's imports
-- cause: remove leading and trailing whitespace with regexp_replace (trim() removes spaces only), then lower(); a blank result becomes NULL with when(...)
SELECT 'customers' AS source, r.customer_id AS id, '"' || r.email || '"' AS shop_has,
       r.email_std AS expected, y.email_std AS yours
FROM ref.cur_customers r LEFT JOIN cur_customers y USING (customer_id)
WHERE y.email_std IS DISTINCT FROM r.email_std
UNION ALL
SELECT 'crm_customer_imports', r.import_id, '"' || r.email || '"', r.email_std, y.email_std
FROM ref.cur_crm_customer_imports r LEFT JOIN cur_crm_customer_imports y USING (import_id)
WHERE y.email_std IS DISTINCT FROM r.email_std
ORDER BY source, id;
