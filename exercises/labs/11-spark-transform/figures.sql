-- The figures README.md quotes, from the reference warehouse (CourseTest requires each there).
SELECT format('{:,d} Debezium envelopes', sum(events)) FROM etl_batch_ledger;
