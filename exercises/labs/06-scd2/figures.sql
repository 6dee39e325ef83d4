-- The figures README.md quotes, from the reference warehouse (CourseTest requires each there).
SELECT format('{:,d} versions', count(*)) FROM dim_customer WHERE customer_id > 0;
SELECT format('{:,d} conformed customers', count(DISTINCT customer_id)) FROM dim_customer WHERE customer_id > 0;
SELECT format('{:,d} of them with more than one version', count(*))
FROM (SELECT customer_id FROM dim_customer WHERE customer_id > 0 GROUP BY 1 HAVING count(*) > 1);
