-- question: What did European customers spend per year on products from European suppliers, by customer country and supplier country (2024-2025)?
-- flight: Q3.1 (SSB flight 3: revenue by customer and supplier geography over years)
-- teaches: on the OLTP schema the customer's country at order time is a range join on the address history, and its messy spelling is cleaned on every run of the query.
-- rules: cancelled orders excluded; revenue = round(quantity * unit_price * (100 - discount_pct) / 100, 2) in the order's currency, grouped by currency_code; customer geography = the country of the customer's address in force at the order (customer_addresses valid_from <= ordered_at < valid_to); the shop stores it as typed (ISO code or English name, any case), standardized here to ISO-2 with the same 14 countries and market regions as dim_geography; online orders only (web, app), because a store order may name only a loyalty card; supplier country = suppliers.country.

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
       s.country AS supplier_country,
       extract(year FROM o.ordered_at AT TIME ZONE 'UTC')::int AS year,
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
WHERE cc.market_region = 'Europe'
  AND s.region IN ('EU-West', 'EU-North')
  AND o.ordered_at >= TIMESTAMPTZ '2024-01-01 00:00:00+00'
  AND o.ordered_at < TIMESTAMPTZ '2026-01-01 00:00:00+00'
  AND o.channel_id IN (1, 2)
  AND o.status <> 'cancelled'
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
