-- check: Corrections are type 1: the same on every version
-- expected: email_std, full_name, phone_e164 and birth_date are the customer's latest on each of their versions
-- cause: only segment and address start versions; take the other attributes from cur_customers for every version
SELECT customer_id, count(DISTINCT email_std) AS emails, count(DISTINCT full_name) AS names,
       count(DISTINCT phone_e164) AS phones, count(DISTINCT birth_date) AS birth_dates
FROM dim_customer
WHERE customer_id > 0
GROUP BY customer_id
HAVING count(DISTINCT email_std) > 1 OR count(DISTINCT full_name) > 1
    OR count(DISTINCT phone_e164) > 1 OR count(DISTINCT birth_date) > 1
ORDER BY customer_id;
