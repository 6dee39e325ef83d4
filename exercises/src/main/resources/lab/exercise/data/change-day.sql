-- The first morning after the snapshot: what the shop does on 2026-07-01 between 08:00 and 09:00
-- UTC, one transaction a BEGIN ... COMMIT block, in the order they commit. The course's change log
-- holds the capture's events of these after its snapshot reads (lab 1 asks what they say, lab 2
-- merges them), and CourseChangeLogIT runs this very file on the lab's PostgreSQL to prove the
-- real capture emits the same events.
--
-- Plain SQL that PostgreSQL and DuckDB both run. Rows are chosen by what the shop holds (the
-- lowest id in the state an action needs), so the same script runs on any seeded shop; ids the
-- database numbers (orders, payments, ...) are left to it. Every time is a literal: the same
-- script gives the same rows.

-- 1. A sign-up: a customer and her address.
BEGIN;
INSERT INTO customers (email, full_name, country, created_at, updated_at, phone, birth_date, segment)
VALUES ('ada.lovelace@example.org', 'Ada Lovelace', 'GB', TIMESTAMPTZ '2026-07-01 08:02:11+00',
        TIMESTAMPTZ '2026-07-01 08:02:11+00', '+447700900123', DATE '1990-12-10', 'consumer');
INSERT INTO customer_addresses (customer_id, street, postcode, city, region, country, valid_from)
VALUES ((SELECT max(customer_id) FROM customers), '12 St James''s Square', 'SW1Y 4JH', 'London',
        'England', 'GB', TIMESTAMPTZ '2026-07-01 08:02:11+00');
COMMIT;

-- 2. Her first order on the web shop: two lines, their stock taken from the warehouse.
BEGIN;
INSERT INTO orders (customer_id, status, ordered_at, updated_at, channel_id, store_id, currency_code)
VALUES ((SELECT max(customer_id) FROM customers), 'placed', TIMESTAMPTZ '2026-07-01 08:05:40+00',
        TIMESTAMPTZ '2026-07-01 08:05:40+00', 1, NULL, 'EUR');
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, discount_pct)
SELECT (SELECT max(order_id) FROM orders), 1, product_id, 2, unit_price, 0
FROM products WHERE product_id = (SELECT min(product_id) FROM products);
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, discount_pct)
SELECT (SELECT max(order_id) FROM orders), 2, product_id, 1, unit_price, 0
FROM products WHERE product_id = (SELECT min(product_id) + 1 FROM products);
UPDATE inventory SET on_hand = on_hand - 2, updated_at = TIMESTAMPTZ '2026-07-01 08:05:40+00'
WHERE product_id = (SELECT min(product_id) FROM products)
  AND store_id = (SELECT min(store_id) FROM stores WHERE kind = 'warehouse') AND on_hand >= 2;
UPDATE inventory SET on_hand = on_hand - 1, updated_at = TIMESTAMPTZ '2026-07-01 08:05:40+00'
WHERE product_id = (SELECT min(product_id) + 1 FROM products)
  AND store_id = (SELECT min(store_id) FROM stores WHERE kind = 'warehouse') AND on_hand >= 1;
COMMIT;

-- 3. A price change, with the price history's new row.
BEGIN;
UPDATE products SET unit_price = round(unit_price * 1.05, 2),
                    updated_at = TIMESTAMPTZ '2026-07-01 08:11:02+00'
WHERE product_id = (SELECT min(product_id) + 2 FROM products);
INSERT INTO product_prices (product_id, valid_from, unit_price)
SELECT product_id, TIMESTAMPTZ '2026-07-01 08:11:02+00', unit_price
FROM products WHERE product_id = (SELECT min(product_id) + 2 FROM products);
COMMIT;

-- 4. She pays: the payment, and the order moves on.
BEGIN;
INSERT INTO payments (order_id, method, amount, currency_code, status, paid_at)
SELECT order_id, 'card', sum(quantity * unit_price), 'EUR', 'captured',
       TIMESTAMPTZ '2026-07-01 08:14:27+00'
FROM order_items WHERE order_id = (SELECT max(order_id) FROM orders) GROUP BY order_id;
UPDATE orders SET status = 'paid', updated_at = TIMESTAMPTZ '2026-07-01 08:14:27+00'
WHERE order_id = (SELECT max(order_id) FROM orders);
COMMIT;

-- 5. A customer becomes a VIP.
BEGIN;
UPDATE customers SET segment = 'vip', updated_at = TIMESTAMPTZ '2026-07-01 08:20:45+00'
WHERE customer_id = (SELECT min(customer_id) FROM customers
                     WHERE segment = 'consumer' AND erased_at IS NULL);
COMMIT;

-- 6. An older order is cancelled after it was paid: the order and its payment change.
BEGIN;
UPDATE orders SET status = 'cancelled', updated_at = TIMESTAMPTZ '2026-07-01 08:26:13+00'
WHERE order_id = (SELECT min(order_id) FROM orders WHERE status = 'paid');
UPDATE payments SET status = 'refunded', refunded_at = TIMESTAMPTZ '2026-07-01 08:26:13+00'
WHERE order_id = (SELECT order_id FROM orders
                  WHERE updated_at = TIMESTAMPTZ '2026-07-01 08:26:13+00');
COMMIT;

-- 7. A customer moves: the current address is closed, a new one opens.
BEGIN;
UPDATE customer_addresses SET valid_to = TIMESTAMPTZ '2026-07-01 08:31:50+00'
WHERE address_id = (SELECT min(address_id) FROM customer_addresses WHERE valid_to IS NULL);
INSERT INTO customer_addresses (customer_id, street, postcode, city, region, country, valid_from)
SELECT customer_id, '1 New Street', postcode, city, region, country,
       TIMESTAMPTZ '2026-07-01 08:31:50+00'
FROM customer_addresses
WHERE address_id = (SELECT min(address_id) FROM customer_addresses
                    WHERE valid_to = TIMESTAMPTZ '2026-07-01 08:31:50+00');
COMMIT;

-- 8. The right to erasure: the customer's row stays for the orders' keys, anonymised; her
--    addresses are deleted.
BEGIN;
UPDATE customers SET email = 'erased-' || customer_id || '@erased.invalid', full_name = 'erased',
                     phone = NULL, birth_date = NULL,
                     erased_at = TIMESTAMPTZ '2026-07-01 08:40:03+00',
                     updated_at = TIMESTAMPTZ '2026-07-01 08:40:03+00'
WHERE customer_id = (SELECT max(customer_id) FROM customer_addresses
                     WHERE valid_to IS NOT NULL AND valid_from < TIMESTAMPTZ '2026-07-01 00:00:00+00')
  AND erased_at IS NULL;
DELETE FROM customer_addresses
WHERE customer_id = (SELECT customer_id FROM customers
                     WHERE erased_at = TIMESTAMPTZ '2026-07-01 08:40:03+00');
COMMIT;

-- 9. Her order ships.
BEGIN;
INSERT INTO shipments (order_id, carrier, tracking_no, shipped_at)
VALUES ((SELECT max(order_id) FROM orders), 'DHL', 'JJD0001234567890',
        TIMESTAMPTZ '2026-07-01 08:52:30+00');
UPDATE orders SET status = 'shipped', updated_at = TIMESTAMPTZ '2026-07-01 08:52:30+00'
WHERE order_id = (SELECT max(order_id) FROM orders);
COMMIT;

-- 10. The CRM delivers a member whose record is half unreadable, as real exports are: a birth
--     date and a sign-up time that do not exist, a phone and an email that are none, a country
--     nobody has. A rule that reads it must leave NULLs, not fail the batch.
BEGIN;
INSERT INTO crm_customer_imports (loyalty_card, email, full_name, phone, birth_date, postcode,
                                  country, registered_at, imported_at)
VALUES ('LC-09999999', '   ', 'Joan Doe', 'n/a', '31.02.1990', '1010', 'Atlantis',
        '2026-06-31 10:00:00+0200', TIMESTAMPTZ '2026-07-01 08:58:12+00');
COMMIT;
