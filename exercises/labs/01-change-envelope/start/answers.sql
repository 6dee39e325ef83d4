-- Lab 1: the change envelope. Six questions about what the capture wrote, each answered by one
-- query over topic_records (topic, partition, offset, key, value: one row a Kafka record, key and
-- value as JSON, a tombstone's value NULL). Keep each '-- answer:' line and the columns it asks
-- for, in that order; the checker compares your rows with ours.
--
-- To read a field of the JSON: value->>'$.op' is the operation as text, value->'$.after' the
-- row after the change as JSON, CAST(value->>'$.source.lsn' AS BIGINT) the source position.
-- Look at a few records first:
--     SELECT topic, "offset", key, value FROM topic_records WHERE "offset" < 2 LIMIT 10;

-- answer: operations
-- How many change events does each table's topic hold, per operation (c, u, d, r)?
-- Columns: table_name, op, events. A tombstone is not an event.
SELECT CAST(NULL AS VARCHAR) AS table_name, CAST(NULL AS VARCHAR) AS op, 0 AS events
FROM topic_records
WHERE false;

-- answer: snapshot
-- For each table: how many rows the initial snapshot read, the source position (LSN) the reads
-- carry, and the position of the first change streamed after the snapshot (NULL if none).
-- Columns: table_name, rows_read, snapshot_lsn, first_streamed_lsn.
SELECT CAST(NULL AS VARCHAR) AS table_name, 0 AS rows_read, CAST(NULL AS BIGINT) AS snapshot_lsn,
       CAST(NULL AS BIGINT) AS first_streamed_lsn
FROM topic_records
WHERE false;

-- answer: order_history
-- Every change to an order after the snapshot, in the order the shop committed them: the order,
-- the change's LSN, its operation, and the order's status before and after it.
-- Columns: order_id, lsn, op, status_before, status_after.
SELECT CAST(key->>'$.order_id' AS BIGINT) AS order_id,
       CAST(value->>'$.source.lsn' AS BIGINT) AS lsn,
       value->>'$.op' AS op,
       CAST(NULL AS VARCHAR) AS status_before,
       value->>'$.after.status' AS status_after
FROM topic_records
WHERE topic = 'shop.public.orders' AND false;

-- answer: erased_addresses
-- The addresses deleted this morning: each address, whose it was and its city as they stood
-- before the delete, the delete's LSN, and the offset of the tombstone that follows it.
-- Columns: address_id, customer_id, city, deleted_lsn, tombstone_offset.
SELECT CAST(NULL AS BIGINT) AS address_id, CAST(NULL AS BIGINT) AS customer_id,
       CAST(NULL AS VARCHAR) AS city, CAST(NULL AS BIGINT) AS deleted_lsn,
       CAST(NULL AS BIGINT) AS tombstone_offset
FROM topic_records
WHERE false;

-- answer: orders_now
-- The orders as the shop holds them now, after every change: how many in each status.
-- Columns: status, orders.
SELECT CAST(NULL AS VARCHAR) AS status, 0 AS orders
FROM topic_records
WHERE false;

-- answer: transactions
-- The shop's transactions after the snapshot, in the order they committed: each transaction's
-- id, how many changes it made, and the tables it changed (alphabetical, comma-separated).
-- Columns: tx_id, changes, tables.
SELECT CAST(NULL AS BIGINT) AS tx_id, 0 AS changes, CAST(NULL AS VARCHAR) AS tables
FROM topic_records
WHERE false;
