-- The figures README.md quotes, from the reference warehouse (CourseTest requires each there).
SELECT format('{:,d} order lines', count(*)) FROM fact_sales;
SELECT format('{:,d} orders', count(DISTINCT order_id)) FROM fact_sales;
