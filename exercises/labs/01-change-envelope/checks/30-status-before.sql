-- check: Each update knows the status it changed
-- expected: every update (op u) of answer_order_history has the status the order had before it
-- cause: an update's before-image is NULL: the shop's tables keep PostgreSQL's default replica identity, which logs only the key of the old row. The status before a change is the status after the order's previous event: lag(status_after) over the order's events, by LSN
SELECT * FROM answer_order_history WHERE op = 'u' AND status_before IS NULL;
