-- check: A delivered member is completed in place
-- expected: after the CRM's batch, a member it delivered is no longer inferred and carries the CRM's name, email and postcode
-- cause: is_inferred is true only while no CRM row exists (i.import_id IS NULL); take the attributes from the latest import
SELECT m.customer_id, m.full_name, m.is_inferred, r.full_name AS expected_full_name
FROM dim_customer m JOIN ref.dim_customer r USING (customer_key)
WHERE m.customer_id < 0 AND NOT r.is_inferred
  AND (m.is_inferred OR m.full_name IS DISTINCT FROM r.full_name OR m.email_std IS DISTINCT FROM r.email_std)
ORDER BY m.customer_id;
