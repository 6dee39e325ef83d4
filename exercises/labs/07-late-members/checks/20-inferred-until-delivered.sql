-- check: Until the CRM delivers it, a member is inferred
-- expected: after the first batch every loyalty member is flagged is_inferred, named 'Unknown member', segment 'Unknown'
-- cause: mark the placeholder (Kimball's inferred member): is_inferred = (no CRM row yet), a name and segment that say so, so that nobody mistakes it for a real customer
SELECT customer_id, customer_key, full_name, segment, is_inferred
FROM early.dim_customer
WHERE customer_id < 0
  AND (NOT is_inferred OR full_name IS DISTINCT FROM 'Unknown member' OR segment <> 'Unknown')
ORDER BY customer_id;
