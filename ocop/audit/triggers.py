"""The log is append-only in the database itself: triggers refuse every UPDATE and DELETE of
its rows, whoever sends them (the application, the admin, a script through Django). The
migration creates them; on SQLite a later migration that rebuilds one of these tables drops
its triggers with it and must call `create` again (tests/test_audit_append_only.py checks
they are there). The database's owner can still drop them: they guard against mistakes and
the application's own paths, not against the server's administrator.

`ocop flush` (which empties every table, the registry too) lifts them for its own run
(ocop/audit/management/commands/flush.py)."""

# The chain's links (ocop.audit.chain) came with migration audit.0002; audit.0001 guards the
# first two only (the third table does not exist yet when it runs).
FIRST_TABLES = ("audit_entry", "audit_importchange")
TABLES = (*FIRST_TABLES, "audit_chainlink")
MESSAGE = "nhật ký thay đổi chỉ được ghi thêm, không được sửa hay xóa"


def create_sql(vendor: str, tables=TABLES) -> list[str]:
    if vendor == "postgresql":
        statements = [
            "CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MESSAGE} (%)', TG_OP; END $$"
        ]
        for table in tables:
            statements += [
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
            ]
        return statements
    statements = []
    for table in tables:
        for operation in ("UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
    return statements


def drop_sql(vendor: str, tables=TABLES) -> list[str]:
    if vendor == "postgresql":
        statements = []
        for table in tables:
            statements += [
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
                f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
            ]
        return statements
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_{operation} "
        for table in tables
        for operation in ("update", "delete")
    ]


def create(connection, tables=TABLES) -> None:
    with connection.cursor() as cursor:
        for statement in create_sql(connection.vendor, tables):
            cursor.execute(statement)


def drop(connection, tables=TABLES) -> None:
    with connection.cursor() as cursor:
        for statement in drop_sql(connection.vendor, tables):
            cursor.execute(statement)


def in_place(connection) -> bool:
    """Whether the triggers exist (a check after migrations, and for the tests)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'audit_%%_append_only'"
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'"
            )
        found = cursor.fetchone()[0]
    return found == (len(TABLES) if connection.vendor == "postgresql" else 2 * len(TABLES))
