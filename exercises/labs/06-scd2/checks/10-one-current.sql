-- check: One current version per customer
-- expected: every customer has exactly one version with is_current = true (and valid_to NULL)
-- cause: when a new version starts, the one before it must end: valid_to = the new valid_from, is_current = false
SELECT customer_id,
       count(*) FILTER (WHERE is_current) AS current_versions,
       count(*) FILTER (WHERE valid_to IS NULL) AS open_versions
FROM dim_customer
WHERE customer_id > 0
GROUP BY customer_id
HAVING count(*) FILTER (WHERE is_current) <> 1
    OR count(*) FILTER (WHERE valid_to IS NULL) <> 1
    OR count(*) FILTER (WHERE is_current AND valid_to IS NOT NULL) > 0
ORDER BY customer_id;
