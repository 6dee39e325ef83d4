-- check: Versions cover all of time, one after another
-- expected: a customer's first version starts at 1900-01-01 and each later one starts exactly where the one before it ends
-- cause: a gap or an overlap leaves orders with no version or two; start the first version at 1900-01-01 (not at sign-up: an order may be recorded before the customer row is), and end each version at the next one's valid_from
WITH v AS (
    SELECT customer_id, valid_from, valid_to,
           lag(valid_to) OVER (PARTITION BY customer_id ORDER BY valid_from) AS previous_end,
           row_number() OVER (PARTITION BY customer_id ORDER BY valid_from) AS nth
    FROM dim_customer WHERE customer_id > 0
)
SELECT customer_id, nth AS version, valid_from, valid_to, previous_end
FROM v
WHERE (nth = 1 AND valid_from <> TIMESTAMPTZ '1900-01-01 00:00:00+00')
   OR (nth > 1 AND previous_end IS DISTINCT FROM valid_from)
   OR valid_to <= valid_from
ORDER BY customer_id, nth;
