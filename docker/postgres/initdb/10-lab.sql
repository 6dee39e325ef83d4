-- Runs once, when the postgres-data volume is empty (docker compose down -v starts over).
-- Lab defaults, not secrets: the ports are published on 127.0.0.1 only.

-- The shop database. Its tables come from the lab's versioned migrations
-- (sample-data/src/main/resources/lab/shop/migrations), which `lab load` and `lab demo` apply with
-- Flyway and record in flyway_schema_history; creating them here as well would fight with that
-- history.
CREATE DATABASE shop;

-- A capture role with REPLICATION and nothing else: no superuser, no CREATEDB, no CREATEROLE.
-- Debezium needs it to stream the WAL and SELECT on the captured tables for its snapshot.
CREATE ROLE cdc WITH LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'cdc';

-- Grants live in each database. Set them in template1 as well, so that a shop database the lab
-- drops and re-creates (lab demo starts from a fresh one) gets them again.
\connect template1
GRANT SELECT ON ALL TABLES IN SCHEMA public TO cdc;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO cdc;
\connect shop
GRANT SELECT ON ALL TABLES IN SCHEMA public TO cdc;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO cdc;
