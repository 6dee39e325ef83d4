-- V3: a read-only role for the ETL. When the change stream has a gap (an order shipped without a
-- payment event), the ETL re-reads the missing rows from the shop; it does so as this role, which
-- can read every shop table and write nothing: SELECT grants only, and every transaction it starts
-- is read-only. A lab default, not a secret (the servers listen on 127.0.0.1 only).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'etl_reader') THEN
        CREATE ROLE etl_reader LOGIN PASSWORD 'etl_reader' NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF;
END $$;
ALTER ROLE etl_reader SET default_transaction_read_only = on;
GRANT USAGE ON SCHEMA public TO etl_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO etl_reader;
