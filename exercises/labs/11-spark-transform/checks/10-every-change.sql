-- check: Every change reaches the change layer
-- expected: as many current rows in each of the shop's sixteen tables' change layer (cur_<table>) as the pipeline's own transform leaves there
-- cause: a table your transform skips, or a branch whose filter lets rows through twice (a union that counts a record in two branches)
WITH counts(tbl, yours, expected) AS (
    SELECT 'cur_categories', (SELECT count(*) FROM cur_categories), (SELECT count(*) FROM ref.cur_categories)
    UNION ALL
    SELECT 'cur_crm_customer_imports', (SELECT count(*) FROM cur_crm_customer_imports), (SELECT count(*) FROM ref.cur_crm_customer_imports)
    UNION ALL
    SELECT 'cur_currencies', (SELECT count(*) FROM cur_currencies), (SELECT count(*) FROM ref.cur_currencies)
    UNION ALL
    SELECT 'cur_customers', (SELECT count(*) FROM cur_customers), (SELECT count(*) FROM ref.cur_customers)
    UNION ALL
    SELECT 'cur_customer_addresses', (SELECT count(*) FROM cur_customer_addresses), (SELECT count(*) FROM ref.cur_customer_addresses)
    UNION ALL
    SELECT 'cur_inventory', (SELECT count(*) FROM cur_inventory), (SELECT count(*) FROM ref.cur_inventory)
    UNION ALL
    SELECT 'cur_orders', (SELECT count(*) FROM cur_orders), (SELECT count(*) FROM ref.cur_orders)
    UNION ALL
    SELECT 'cur_order_items', (SELECT count(*) FROM cur_order_items), (SELECT count(*) FROM ref.cur_order_items)
    UNION ALL
    SELECT 'cur_payments', (SELECT count(*) FROM cur_payments), (SELECT count(*) FROM ref.cur_payments)
    UNION ALL
    SELECT 'cur_products', (SELECT count(*) FROM cur_products), (SELECT count(*) FROM ref.cur_products)
    UNION ALL
    SELECT 'cur_product_prices', (SELECT count(*) FROM cur_product_prices), (SELECT count(*) FROM ref.cur_product_prices)
    UNION ALL
    SELECT 'cur_returns', (SELECT count(*) FROM cur_returns), (SELECT count(*) FROM ref.cur_returns)
    UNION ALL
    SELECT 'cur_sales_channels', (SELECT count(*) FROM cur_sales_channels), (SELECT count(*) FROM ref.cur_sales_channels)
    UNION ALL
    SELECT 'cur_shipments', (SELECT count(*) FROM cur_shipments), (SELECT count(*) FROM ref.cur_shipments)
    UNION ALL
    SELECT 'cur_stores', (SELECT count(*) FROM cur_stores), (SELECT count(*) FROM ref.cur_stores)
    UNION ALL
    SELECT 'cur_suppliers', (SELECT count(*) FROM cur_suppliers), (SELECT count(*) FROM ref.cur_suppliers)
)
SELECT tbl, expected, yours FROM counts WHERE yours IS DISTINCT FROM expected ORDER BY tbl;
