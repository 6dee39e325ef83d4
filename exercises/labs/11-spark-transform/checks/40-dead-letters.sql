-- check: Bad records are quarantined with their reason, good ones are not
-- expected: the same dead letters as the pipeline's own transform, each with its reason: the course's delivery adds a value cut short, a row whose timestamp does not read, and a topic of a table without a schema
-- cause: a record gets an error only where parsing or typing failed: keep ChangeEvents' error first, then the table's typing error (t.error()), and "no schema for table of topic ..." for a table not in ShopTable.ALL
SELECT coalesce(r.topic, y.topic) AS topic, coalesce(r.kafka_offset, y.kafka_offset) AS kafka_offset,
       r.reason AS expected, y.reason AS yours
FROM ref.dead_letter r FULL JOIN dead_letter y USING (topic, kafka_partition, kafka_offset)
WHERE r.reason IS DISTINCT FROM y.reason
ORDER BY 1, 2;
