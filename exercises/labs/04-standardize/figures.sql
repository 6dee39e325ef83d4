-- The figures README.md quotes, from the reference warehouse (CourseTest requires each there).
SELECT format('{:,d} customers', count(*)) FROM cur_customers;
SELECT format('{:,d} addresses', count(*)) FROM cur_customer_addresses;
SELECT format('{:,d} CRM imports', count(*)) FROM cur_crm_customer_imports;
SELECT format('{:,d} orders', count(*)) FROM cur_orders;
SELECT format('{:,d} payments', count(*)) FROM cur_payments;
SELECT format('{:,d} stores', count(*)) FROM cur_stores;
