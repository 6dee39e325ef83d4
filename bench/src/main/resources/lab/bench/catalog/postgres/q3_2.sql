-- question: What did customers in Germany and France spend in 2025 on each Dutch supplier's products?
-- flight: Q3.2 (SSB flight 3: one level down, a few countries and single suppliers)
-- teaches: a drill-down on the OLTP schema repeats the whole join path and the country cleaning; nothing computed for the last query is reused.
-- rules: cancelled orders excluded; revenue = round(quantity * unit_price * (100 - discount_pct) / 100, 2) in the order's currency, grouped by currency_code; customer geography = the country of the customer's address in force at the order (customer_addresses valid_from <= ordered_at < valid_to); the shop stores it as typed (ISO code or English name, any case), standardized here to ISO-2 with the same 14 countries and market regions as dim_geography; online orders only (web, app), because a store order may name only a loyalty card; supplier = suppliers.name, suppliers.country.

-- Every spelling the shop accepts (ISO code or English name, compared in lower case), so that
-- the standardization is an equi-join PostgreSQL can hash.
WITH countries (spelling, code, market_region) AS (
    VALUES
           ('us', 'US', 'North America'), ('united states', 'US', 'North America'),
           ('ca', 'CA', 'North America'), ('canada', 'CA', 'North America'),
           ('br', 'BR', 'South America'), ('brazil', 'BR', 'South America'),
           ('jp', 'JP', 'Asia'), ('japan', 'JP', 'Asia'),
           ('in', 'IN', 'Asia'), ('india', 'IN', 'Asia'),
           ('au', 'AU', 'Oceania'), ('australia', 'AU', 'Oceania'),
           ('gb', 'GB', 'Europe'), ('united kingdom', 'GB', 'Europe'),
           ('de', 'DE', 'Europe'), ('germany', 'DE', 'Europe'),
           ('fr', 'FR', 'Europe'), ('france', 'FR', 'Europe'),
           ('nl', 'NL', 'Europe'), ('netherlands', 'NL', 'Europe'),
           ('es', 'ES', 'Europe'), ('spain', 'ES', 'Europe'),
           ('it', 'IT', 'Europe'), ('italy', 'IT', 'Europe'),
           ('se', 'SE', 'Europe'), ('sweden', 'SE', 'Europe'),
           ('pl', 'PL', 'Europe'), ('poland', 'PL', 'Europe'))
SELECT cc.code AS customer_country,
       s.name AS supplier_name,
       o.currency_code,
       sum(round(i.quantity * i.unit_price * (100 - i.discount_pct) / 100, 2)) AS revenue
FROM orders o
JOIN customer_addresses a
  ON a.customer_id = o.customer_id
 AND a.valid_from <= o.ordered_at
 AND (a.valid_to IS NULL OR o.ordered_at < a.valid_to)
JOIN countries cc ON cc.spelling = lower(trim(a.country))
JOIN order_items i ON i.order_id = o.order_id
JOIN products p ON p.product_id = i.product_id
JOIN suppliers s ON s.supplier_id = p.supplier_id
WHERE cc.code IN ('DE', 'FR')
  AND s.country = 'NL'
  AND o.ordered_at >= TIMESTAMPTZ '2025-01-01 00:00:00+00'
  AND o.ordered_at < TIMESTAMPTZ '2026-01-01 00:00:00+00'
  AND o.channel_id IN (1, 2)
  AND o.status <> 'cancelled'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
