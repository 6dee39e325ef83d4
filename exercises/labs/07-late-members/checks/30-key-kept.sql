-- check: The member keeps its key when the CRM delivers it
-- expected: a loyalty member has the same customer_key after the CRM's batch as before it, and one row
-- cause: complete the inferred row in place: the key comes from the card alone (skey('card|' || card)), never from the CRM's row, so the facts already pointing at it stay right without being rebuilt
SELECT e.customer_id, e.customer_key AS key_after_batch_1,
       list(m.customer_key ORDER BY m.customer_key) AS keys_after_batch_2
FROM early.dim_customer e
LEFT JOIN dim_customer m USING (customer_id)
WHERE e.customer_id < 0
GROUP BY e.customer_id, e.customer_key
HAVING count(m.customer_key) <> 1 OR min(m.customer_key) <> e.customer_key
ORDER BY e.customer_id;
