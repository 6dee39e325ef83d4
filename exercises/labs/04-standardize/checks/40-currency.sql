-- check: Currencies are ISO 4217 codes
-- expected: currency_std is the upper-case code ('Usd', 'eur' become USD, EUR) when it is one of Markets.CURRENCIES, NULL otherwise — on orders, payments and stores
-- cause: remove whitespace and upper-case, then keep the value only when it isin(Markets.CURRENCIES)
SELECT 'payments' AS source, r.payment_id AS id, r.currency_code AS shop_has,
       r.currency_std AS expected, y.currency_std AS yours
FROM ref.cur_payments r LEFT JOIN cur_payments y USING (payment_id)
WHERE y.currency_std IS DISTINCT FROM r.currency_std
UNION ALL
SELECT 'orders', r.order_id, r.currency_code, r.currency_std, y.currency_std
FROM ref.cur_orders r LEFT JOIN cur_orders y USING (order_id)
WHERE y.currency_std IS DISTINCT FROM r.currency_std
UNION ALL
SELECT 'stores', r.store_id, r.currency_code, r.currency_std, y.currency_std
FROM ref.cur_stores r LEFT JOIN cur_stores y USING (store_id)
WHERE y.currency_std IS DISTINCT FROM r.currency_std
ORDER BY source, id;
