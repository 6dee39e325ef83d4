-- Lab 1: the change envelope. Six questions about what the capture wrote, each answered by one
-- query over topic_records (topic, partition, offset, key, value: one row a Kafka record, key and
-- value as JSON, a tombstone's value NULL). Keep each '-- answer:' line and the columns it asks
-- for, in that order; the checker compares your rows with ours.

-- answer: operations
-- How many change events does each table's topic hold, per operation (c, u, d, r)?
-- Columns: table_name, op, events. A tombstone is not an event.
SELECT value->>'$.source.table' AS table_name, value->>'$.op' AS op, count(*) AS events
FROM topic_records
WHERE value IS NOT NULL
GROUP BY ALL
ORDER BY table_name, op;

-- answer: snapshot
-- For each table: how many rows the initial snapshot read, the source position (LSN) the reads
-- carry, and the position of the first change streamed after the snapshot (NULL if none).
-- Columns: table_name, rows_read, snapshot_lsn, first_streamed_lsn.
SELECT value->>'$.source.table' AS table_name,
       count(*) FILTER (WHERE value->>'$.op' = 'r') AS rows_read,
       max(CAST(value->>'$.source.lsn' AS BIGINT)) FILTER (WHERE value->>'$.op' = 'r') AS snapshot_lsn,
       min(CAST(value->>'$.source.lsn' AS BIGINT)) FILTER (WHERE value->>'$.op' <> 'r') AS first_streamed_lsn
FROM topic_records
WHERE value IS NOT NULL
GROUP BY ALL
ORDER BY table_name;

-- answer: order_history
-- Every change to an order after the snapshot, in the order the shop committed them: the order,
-- the change's LSN, its operation, and the order's status before and after it.
-- Columns: order_id, lsn, op, status_before, status_after.
WITH events AS (
    SELECT CAST(key->>'$.order_id' AS BIGINT) AS order_id,
           CAST(value->>'$.source.lsn' AS BIGINT) AS lsn,
           value->>'$.op' AS op,
           value->>'$.after.status' AS status_after
    FROM topic_records
    WHERE topic = 'shop.public.orders' AND value IS NOT NULL
), history AS (
    SELECT *, lag(status_after) OVER (PARTITION BY order_id ORDER BY lsn) AS status_before
    FROM events
)
SELECT order_id, lsn, op, status_before, status_after
FROM history
WHERE op <> 'r'
ORDER BY lsn;

-- answer: erased_addresses
-- The addresses deleted this morning: each address, whose it was and its city as they stood
-- before the delete, the delete's LSN, and the offset of the tombstone that follows it.
-- Columns: address_id, customer_id, city, deleted_lsn, tombstone_offset.
WITH events AS (
    SELECT "offset", CAST(key->>'$.address_id' AS BIGINT) AS address_id, value->>'$.op' AS op,
           CAST(value->>'$.source.lsn' AS BIGINT) AS lsn, value->'$.after' AS after
    FROM topic_records
    WHERE topic = 'shop.public.customer_addresses' AND value IS NOT NULL
), deleted AS (
    SELECT address_id, lsn FROM events WHERE op = 'd'
), last_image AS (
    SELECT address_id, after
    FROM events
    WHERE op <> 'd' AND address_id IN (SELECT address_id FROM deleted)
    QUALIFY row_number() OVER (PARTITION BY address_id ORDER BY lsn DESC) = 1
), tombstones AS (
    SELECT CAST(key->>'$.address_id' AS BIGINT) AS address_id, "offset"
    FROM topic_records
    WHERE topic = 'shop.public.customer_addresses' AND value IS NULL
)
SELECT d.address_id, CAST(l.after->>'$.customer_id' AS BIGINT) AS customer_id,
       l.after->>'$.city' AS city, d.lsn AS deleted_lsn, t."offset" AS tombstone_offset
FROM deleted d
JOIN last_image l USING (address_id)
LEFT JOIN tombstones t USING (address_id)
ORDER BY d.address_id;

-- answer: orders_now
-- The orders as the shop holds them now, after every change: how many in each status.
-- Columns: status, orders.
WITH latest AS (
    SELECT value
    FROM topic_records
    WHERE topic = 'shop.public.orders' AND value IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY key->>'$.order_id' ORDER BY CAST(value->>'$.source.lsn' AS BIGINT) DESC) = 1
)
SELECT value->>'$.after.status' AS status, count(*) AS orders
FROM latest
WHERE value->>'$.op' <> 'd'
GROUP BY ALL
ORDER BY status;

-- answer: transactions
-- The shop's transactions after the snapshot, in the order they committed: each transaction's
-- id, how many changes it made, and the tables it changed (alphabetical, comma-separated).
-- Columns: tx_id, changes, tables.
SELECT CAST(value->>'$.source.txId' AS BIGINT) AS tx_id, count(*) AS changes,
       string_agg(DISTINCT value->>'$.source.table', ',' ORDER BY value->>'$.source.table') AS tables
FROM topic_records
WHERE value IS NOT NULL AND value->>'$.op' <> 'r'
GROUP BY ALL
ORDER BY min(CAST(value->>'$.source.lsn' AS BIGINT));
