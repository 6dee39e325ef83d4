-- Lab 2: the merge of customer_addresses' changes into cur_customer_addresses, run by the sink for
-- every batch that has changes of the table, inside the batch's transaction.
--
-- The batch's changes are in the view stage_customer_addresses: the columns of
-- cur_customer_addresses (the address's data, then source_lsn, source_ts, is_deleted), one row a
-- change, as Kafka delivered them: at least once, so a change can come twice, and an older
-- change can come after a newer one. A delete is a row with is_deleted = true.
--
-- This starting merge writes each address's latest change in the batch, whatever the warehouse
-- holds already, and ignores deletes.
INSERT OR REPLACE INTO cur_customer_addresses BY NAME
SELECT * FROM stage_customer_addresses
WHERE NOT is_deleted
QUALIFY row_number() OVER (PARTITION BY address_id ORDER BY source_lsn DESC) = 1;
