-- The application role's rights on the tables the migrations made (docs/deployment.md#two-roles-
-- on-postgresql): rows of every table, and of the audit log only reading and adding. Run as
-- the owner (or a superuser) after scripts/postgres-roles.sql and after every `ocop migrate`:
--
--   psql "$DATABASE_OWNER_URL" -v app=ocop_app -f scripts/postgres-grants.sql
--
-- The log's triggers refuse UPDATE, DELETE and TRUNCATE whoever sends them; the application's
-- role, which does not own the tables, cannot drop them; and without these rights it is not
-- even let through to the triggers.
\set ON_ERROR_STOP on

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry, audit_importchange, audit_chainlink FROM :"app";
