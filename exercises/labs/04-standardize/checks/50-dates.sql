-- check: Birth dates are read in the format they were typed in
-- expected: birth_date_std is the date of an ISO (1999-09-01), German (01.09.1999) or US (09/01/1999) birth date, and birth_date_unreadable is true only when a date was given and none of the formats fits
-- cause: tell the formats apart by their separators with rlike before parsing (when(...).when(...)), and parse each with try_to_date and its own pattern: dd.MM.yyyy for dots, MM/dd/yyyy for slashes
SELECT r.import_id, r.birth_date AS shop_has, r.birth_date_std AS expected,
       y.birth_date_std AS yours, y.birth_date_unreadable AS yours_unreadable
FROM ref.cur_crm_customer_imports r LEFT JOIN cur_crm_customer_imports y USING (import_id)
WHERE y.birth_date_std IS DISTINCT FROM r.birth_date_std
   OR y.birth_date_unreadable IS DISTINCT FROM r.birth_date_unreadable
ORDER BY r.import_id;
