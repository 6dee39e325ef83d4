-- The figures README.md quotes, from the lab's own answers (CourseTest requires each there).
SELECT format('{:,d} records', count(*)) FROM topic_records;
SELECT format('{:,d} snapshot reads', count(*)) FROM topic_records WHERE value->>'$.op' = 'r';
SELECT format('{:d} changes streamed', count(*)) FROM topic_records WHERE value->>'$.op' IN ('c', 'u', 'd');
SELECT format('{:d} tombstones', count(*)) FROM topic_records WHERE value IS NULL;
