-- The figures README.md quotes, from the reference warehouse (CourseTest requires each there).
SELECT format('{:,d} change events', sum(events) - sum(dead_letters)) FROM etl_batch_ledger;
SELECT format('{:d} bad records', sum(dead_letters)) FROM etl_batch_ledger;
