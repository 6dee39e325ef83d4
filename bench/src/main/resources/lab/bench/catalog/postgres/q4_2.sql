-- question: What profit did European customers bring in 2025-2026 per year, supplier country and top-level category (EUR orders)?
-- flight: Q4.2 (SSB flight 4: profit drilled to supplier country and category)
-- teaches: the category hierarchy is a self-join of categories on the OLTP schema (leaf -> parent), once per query.
-- rules: profit = round(quantity * unit_price * (100 - discount_pct) / 100, 2) - quantity * products.unit_cost (unit_cost is EUR), restricted to EUR orders and products with a unit_cost; cancelled orders excluded; customer geography = the country of the customer's address in force at the order (customer_addresses valid_from <= ordered_at < valid_to); the shop stores it as typed (ISO code or English name, any case), standardized here to ISO-2 with the same 14 countries and market regions as dim_geography; online orders only (web, app), because a store order may name only a loyalty card; parent category = categories.parent_id's name of the product's leaf category ('Unknown' when uncategorised); a product without a supplier counts as supplier country '??'.

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
SELECT extract(year FROM o.ordered_at AT TIME ZONE 'UTC')::int AS year,
       coalesce(s.country, '??') AS supplier_country,
       coalesce(pc.name, 'Unknown') AS parent_category,
       sum(round(i.quantity * i.unit_price * (100 - i.discount_pct) / 100, 2)
           - i.quantity * p.unit_cost) AS profit
FROM orders o
JOIN customer_addresses a
  ON a.customer_id = o.customer_id
 AND a.valid_from <= o.ordered_at
 AND (a.valid_to IS NULL OR o.ordered_at < a.valid_to)
JOIN countries cc ON cc.spelling = lower(trim(a.country))
JOIN order_items i ON i.order_id = o.order_id
JOIN products p ON p.product_id = i.product_id
LEFT JOIN categories c ON c.category_id = p.category_id
LEFT JOIN categories pc ON pc.category_id = c.parent_id
LEFT JOIN suppliers s ON s.supplier_id = p.supplier_id
WHERE cc.market_region = 'Europe'
  AND o.ordered_at >= TIMESTAMPTZ '2025-01-01 00:00:00+00'
  AND o.ordered_at < TIMESTAMPTZ '2027-01-01 00:00:00+00'
  AND o.currency_code = 'EUR'
  AND p.unit_cost IS NOT NULL
  AND o.channel_id IN (1, 2)
  AND o.status <> 'cancelled'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
