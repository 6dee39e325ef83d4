-- The figures README.md quotes, from the reference warehouse of the three batches (CourseTest
-- requires each there).
SELECT format('{:,d} records', sum(events)) FROM etl_batch_ledger;
SELECT format('{:d} changes delivered twice', sum(duplicates)) FROM etl_batch_ledger;
SELECT format('{:,d} changes no newer', sum(stale)) FROM etl_batch_ledger;
SELECT format('{:,d} addresses', count(*)) FROM cur_customer_addresses;
SELECT format('{:d} of them deleted', count(*) FILTER (WHERE is_deleted)) FROM cur_customer_addresses;
