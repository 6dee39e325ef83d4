-- The figures README.md quotes, from the reference warehouse (CourseTest requires each there).
SELECT format('{:,d} days', count(*)) FROM dim_date;
SELECT format('{:d} stores', count(*)) FROM dim_store;
SELECT format('{:,d} rows', count(*)) FROM fact_daily_store_sales;
SELECT format('{:,d} of them zeros', count(*) FILTER (WHERE orders = 0)) FROM fact_daily_store_sales;
