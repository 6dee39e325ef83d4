-- check: A customer who moves gets a new version
-- expected: one version per address the customer has lived at (and per change of segment), as the reference builds them
-- cause: a new version starts at each later address's valid_from (cur_customer_addresses) and at each change of segment in hist_customers
SELECT r.customer_id, r.versions AS expected_versions, coalesce(m.versions, 0) AS your_versions
FROM (SELECT customer_id, count(*) AS versions FROM ref.dim_customer WHERE customer_id > 0 GROUP BY customer_id) r
LEFT JOIN (SELECT customer_id, count(*) AS versions FROM dim_customer WHERE customer_id > 0 GROUP BY customer_id) m
  USING (customer_id)
WHERE r.versions <> coalesce(m.versions, 0)
ORDER BY r.customer_id;
