-- Two roles for the registry's PostgreSQL database (docs/deployment.md#two-roles-on-postgresql):
-- an owner, which owns the schema, its tables and the audit log's triggers and runs the
-- migrations (DATABASE_OWNER_URL), and the application's role (DATABASE_URL), which may read and
-- write rows but not alter or drop a table or a trigger. Run once, as a superuser:
--
--   psql -v database=ocop -v owner=ocop_owner -v app=ocop_app -f scripts/postgres-roles.sql
--
-- Safe to run again, and on an install that so far ran as one role: pass that role as `app`,
-- and what it owns moves to the owner. Passwords are set apart (`\password ocop_owner`), never
-- in this file. Then `ocop migrate` (as the owner) and scripts/postgres-grants.sql.
\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN', :'owner')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec

ALTER DATABASE :"database" OWNER TO :"owner";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"database" TO :"app";

\connect :"database"
REASSIGN OWNED BY :"app" TO :"owner";
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
-- Tables and sequences the owner's migrations create later: rows, not structure, for the app.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO :"app";
