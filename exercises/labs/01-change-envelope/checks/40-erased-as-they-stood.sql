-- check: A deleted address as it stood before the delete
-- expected: every address of answer_erased_addresses has its customer and its city (not NULL, not 0, not empty)
-- cause: the delete itself has no after-image, and its before-image holds only the key: Debezium fills the other required columns with empty values ('' and 0). The row as it stood is the address's last image before the delete (its last event with op <> 'd')
SELECT * FROM answer_erased_addresses
WHERE customer_id IS NULL OR customer_id = 0 OR city IS NULL OR city = '';
