-- The figures README.md quotes, from the reference warehouse (CourseTest requires each there).
SELECT format('{:,d} conformed customers', count(*)) FROM customer_activity;
SELECT format('{:d} of them loyalty members', count(*) FILTER (WHERE customer_id < 0)) FROM customer_activity;
SELECT format('{:d} with an order', count(*) FILTER (WHERE frequency > 0)) FROM customer_activity;
