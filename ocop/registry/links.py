"""Decision.next_decided_on, kept by the database itself.

Each decision stores the date of its product's next decision (by date, then id; NULL for the
latest), so that "each product's latest decision as of day D" is a plain row filter served by
an index (see DecisionQuerySet.latest_by). A value derived from other rows goes stale on any
write that forgets to update it: the admin's bulk delete, a cascade, queryset.update(), a
decision moved to another product, raw SQL. Triggers run on every one of those paths, so the
link cannot go stale. They are installed by migration 0003 and checked again after every
`migrate` (install_triggers), because SQLite drops a table's triggers when a later migration
rebuilds the table.

ocop.registry.derived.expected_links computes the same link in Python, independently, for the
consistency check (`ocop recompute_validity`, tests/test_derived_values.py)."""

import json

from django.db import connection as default_connection

TABLE = "registry_decision"
SQLITE_TRIGGERS = ["decision_link_insert", "decision_link_delete", "decision_link_update"]
# The one a bulk insert may lift on SQLite, relinking its products once after (relink()).
INSERT_TRIGGER = "decision_link_insert"
PG_TRIGGERS = ["decision_link_insert", "decision_link_delete", "decision_link_update"]

# SQLite: row triggers. The next decision of `d` is the earliest one after it by (date, id).
_SQLITE_NEXT = f"""(SELECT MIN(n.decided_on) FROM {TABLE} n
    WHERE n.product_id = {TABLE}.product_id
      AND (n.decided_on > {TABLE}.decided_on
           OR (n.decided_on = {TABLE}.decided_on AND n.id > {TABLE}.id)))"""


def _sqlite_relink(product: str) -> str:
    return (
        f"UPDATE {TABLE} SET next_decided_on = {_SQLITE_NEXT} "
        f"WHERE product_id = {product} AND next_decided_on IS NOT {_SQLITE_NEXT};"
    )


# An insert changes at most two links: its own (the earliest decision after it) and those of
# the decisions before it whose next decision was later than it or none; so it touches those
# rows only, which keeps an import of 50,000 decisions fast. Deletes and moves are rare: they
# relink the whole product.
_SQLITE_INSERT = f"""
    UPDATE {TABLE} SET next_decided_on = NEW.decided_on
    WHERE product_id = NEW.product_id
      AND (decided_on < NEW.decided_on OR (decided_on = NEW.decided_on AND id < NEW.id))
      AND (next_decided_on IS NULL OR next_decided_on > NEW.decided_on);
    UPDATE {TABLE} SET next_decided_on = {_SQLITE_NEXT}
    WHERE id = NEW.id AND next_decided_on IS NOT {_SQLITE_NEXT};"""

SQLITE_SQL = [
    f"""CREATE TRIGGER IF NOT EXISTS decision_link_insert AFTER INSERT ON {TABLE}
    BEGIN {_SQLITE_INSERT} END""",
    f"""CREATE TRIGGER IF NOT EXISTS decision_link_delete AFTER DELETE ON {TABLE}
    BEGIN {_sqlite_relink("OLD.product_id")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS decision_link_update
    AFTER UPDATE OF product_id, decided_on ON {TABLE}
    BEGIN {_sqlite_relink("OLD.product_id")} {_sqlite_relink("NEW.product_id")} END""",
]

_PG_RELINK = f"""UPDATE {TABLE} d SET next_decided_on = x.next
    FROM (
        SELECT id, lead(decided_on) OVER (PARTITION BY product_id ORDER BY decided_on, id) AS next
        FROM {TABLE} WHERE product_id = ANY(ids)
    ) x
    WHERE d.id = x.id AND d.next_decided_on IS DISTINCT FROM x.next"""

# PostgreSQL: one statement trigger per event with its transition table, so a COPY of 150,000
# decisions relinks once with a window function instead of once per row. A trigger with
# transition tables may have one event only, hence three triggers on one function.
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION decision_relink() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT product_id) INTO ids FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT product_id) INTO ids FROM old_rows;
    ELSE
        -- Only moves and re-dated decisions matter; this also stops the function's own
        -- UPDATE of next_decided_on from recursing.
        SELECT array_agg(DISTINCT moved.product_id) INTO ids FROM (
            SELECT o.product_id FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE o.product_id <> n.product_id OR o.decided_on <> n.decided_on
            UNION
            SELECT n.product_id FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE o.product_id <> n.product_id OR o.decided_on <> n.decided_on
        ) moved;
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    {_PG_RELINK};
    RETURN NULL;
END $$"""

PG_SQL = [
    PG_FUNCTION,
    f"""CREATE OR REPLACE TRIGGER decision_link_insert AFTER INSERT ON {TABLE}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION decision_relink()""",
    f"""CREATE OR REPLACE TRIGGER decision_link_delete AFTER DELETE ON {TABLE}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION decision_relink()""",
    f"""CREATE OR REPLACE TRIGGER decision_link_update AFTER UPDATE ON {TABLE}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION decision_relink()""",
]

# Every link at once, for a table whose triggers were missing for a while.
RELINK_ALL = f"""
UPDATE {TABLE} SET next_decided_on = (
    SELECT MIN(n.decided_on) FROM {TABLE} n
    WHERE n.product_id = {TABLE}.product_id
      AND (n.decided_on > {TABLE}.decided_on
           OR (n.decided_on = {TABLE}.decided_on AND n.id > {TABLE}.id)))"""


def relink(product_ids, connection=default_connection) -> None:
    """Link every decision of these products, in one statement: what the insert trigger
    does row by row, for a bulk insert that lifted it (ocop.shared.bulk_writes)."""
    ids = sorted(set(product_ids))
    if not ids:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # One JSON parameter rather than a list of ids: no limit on the number of them.
            among = "product_id IN (SELECT value FROM json_each(%s))"
            cursor.execute(
                f"UPDATE {TABLE} SET next_decided_on = {_SQLITE_NEXT}"
                f" WHERE {among} AND next_decided_on IS NOT {_SQLITE_NEXT}",
                [json.dumps(ids)],
            )
        else:
            cursor.execute(_PG_RELINK.replace("ANY(ids)", "ANY(%s)"), [ids])


def installed_triggers(connection=default_connection) -> dict[str, str]:
    """Name -> definition of the link triggers in the database (PostgreSQL: no definition)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
        else:
            cursor.execute(
                "SELECT tgname, '' FROM pg_trigger WHERE tgrelid = %s::regclass"
                " AND NOT tgisinternal",
                [TABLE],
            )
        return dict(cursor.fetchall())


def install_triggers(connection=default_connection) -> bool:
    """Create the triggers, or replace ones of an older definition; when any was missing,
    relink every decision (rows written meanwhile may be stale). Returns whether any was
    missing."""
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"no link triggers for {connection.vendor}")
    found = installed_triggers(connection)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name, statement in zip(SQLITE_TRIGGERS, SQLITE_SQL, strict=True):
                if found.get(name) != _stored_form(statement):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                    cursor.execute(statement)
        else:
            for statement in PG_SQL:
                cursor.execute(statement)
        missing = not set(SQLITE_TRIGGERS if connection.vendor == "sqlite" else PG_TRIGGERS) <= set(
            found
        )
        if missing:
            cursor.execute(RELINK_ALL)
    return missing


def _stored_form(statement: str) -> str:
    # SQLite keeps a trigger's text as created, less the IF NOT EXISTS.
    return statement.replace("CREATE TRIGGER IF NOT EXISTS", "CREATE TRIGGER", 1)
