-- Small dimensions: geography, channel and store are rebuilt whole each batch (they have tens of
-- rows), each with an unknown member (key 0) for facts whose reference is missing; the calendar
-- is completed with every day from the first to the last order, sales or not.

DELETE FROM dim_geography;

INSERT INTO dim_geography
WITH known(country_code, country_name, market_region) AS (VALUES
    ('US', 'United States', 'North America'), ('CA', 'Canada', 'North America'),
    ('BR', 'Brazil', 'South America'),
    ('GB', 'United Kingdom', 'Europe'), ('DE', 'Germany', 'Europe'), ('FR', 'France', 'Europe'),
    ('NL', 'Netherlands', 'Europe'), ('ES', 'Spain', 'Europe'), ('IT', 'Italy', 'Europe'),
    ('SE', 'Sweden', 'Europe'), ('PL', 'Poland', 'Europe'), ('CH', 'Switzerland', 'Europe'),
    ('AT', 'Austria', 'Europe'), ('BE', 'Belgium', 'Europe'),
    ('JP', 'Japan', 'Asia'), ('IN', 'India', 'Asia'), ('AU', 'Australia', 'Oceania')
), seen AS (
    SELECT country_code FROM known
    UNION SELECT country_code FROM cur_customer_addresses WHERE country_code IS NOT NULL
    UNION SELECT country FROM cur_stores UNION SELECT country FROM cur_suppliers
    UNION SELECT country_code FROM cur_crm_customer_imports WHERE country_code IS NOT NULL
)
SELECT geo_key(s.country_code), s.country_code, coalesce(k.country_name, s.country_code),
       coalesce(k.market_region, 'Unknown')
FROM seen s LEFT JOIN known k USING (country_code)
-- a value that is no ISO code (a standardizing rule that let 'Germany' through) has no member of
-- its own: geo_key files it under the unknown member, as it files NULL
WHERE geo_key(s.country_code) <> 0
UNION ALL SELECT 0, '??', 'Unknown', 'Unknown';

DELETE FROM dim_channel;

INSERT INTO dim_channel
SELECT channel_id, code, name FROM cur_sales_channels WHERE NOT is_deleted
UNION ALL SELECT 0, 'unknown', 'Unknown';

DELETE FROM dim_store;

INSERT INTO dim_store
SELECT store_id, store_code, name, kind, city, geo_key(country), coalesce(currency_std, currency_code), opened_at
FROM cur_stores WHERE NOT is_deleted
UNION ALL SELECT 0, 'online', 'Online (no store)', 'none', 'Unknown', 0, 'EUR', NULL;

-- Calendar completeness: every day from the first to the last order, sales or not.
INSERT INTO dim_date
SELECT CAST(strftime(d, '%Y%m%d') AS INTEGER), CAST(d AS DATE), year(d), quarter(d), month(d),
       monthname(d), year(d) * 100 + month(d), weekofyear(d), day(d), isodow(d), dayname(d), isodow(d) >= 6
FROM (SELECT unnest(generate_series(
        (SELECT CAST(min(ordered_at) AS DATE) FROM cur_orders),
        (SELECT CAST(max(ordered_at) AS DATE) FROM cur_orders),
        INTERVAL 1 DAY)) AS d)
ON CONFLICT (date_key) DO NOTHING;
