-- check: A tombstone is not an event
-- expected: every row of answer_operations names a table and one of the operations c, u, d, r
-- cause: a tombstone is a record with the deleted row's key and a NULL value, written after the delete so a compacted topic can forget the key; it has no envelope, so its op is NULL. Leave out the records whose value IS NULL
SELECT * FROM answer_operations
WHERE table_name IS NULL OR op IS NULL OR op NOT IN ('c', 'u', 'd', 'r');
