"""Row triggers lifted for one bulk write, inside its own transaction.

The values the database keeps by triggers (decisions' links, the public pages' freshness
token, the search index) cost a trigger program per row on SQLite, which has no statement
triggers: an import of 50,000 decisions ran each of them 50,000 times, more than the inserts
themselves. A bulk writer may lift them for its write and then do their work once, set-wise,
before it commits: a trigger's owner knows that work, the writer knows which rows it wrote.

Lifting is DROP TRIGGER, and putting back is CREATE TRIGGER with the very text the database
held, both inside the writer's transaction: SQLite's DDL is transactional, so a write that
fails anywhere rolls the triggers back with the data, and no other connection ever sees them
missing (it sees the schema as of the last commit). PostgreSQL's triggers here are statement
triggers, each run once per statement of a bulk write: nothing is lifted there.

Owners on the writer's floor or below are called by the writer itself (ocop.imports.write:
the links and the freshness token); owners above it (the catalog's search index) listen to
`lifting`."""

from django.db import connection as default_connection
from django.dispatch import Signal

# Sent by a bulk writer inside its transaction, before it writes, with `tables` (the names of
# the tables it will insert into and update). A receiver whose row triggers on those tables
# keep values may lift them (lift()) and return a callable `catch_up(written)`, where
# `written` maps each table to the ids of the rows the writer inserted or updated: the writer
# calls it once everything is written, still inside the transaction, and the callable does
# the triggers' work for those rows at once and puts the triggers back (put_back()).
lifting = Signal()


def lift(names: list[str], connection=default_connection) -> list[tuple[str, str]]:
    """Drop the named SQLite triggers that exist; return (name, definition) of each, for
    put_back(). Elsewhere nothing is lifted: []."""
    if connection.vendor != "sqlite" or not names:
        return []
    if not connection.in_atomic_block:
        # Outside a transaction the drop would be committed at once: the triggers would stay
        # missing if the process died before putting them back.
        raise RuntimeError("triggers are lifted only inside the writer's transaction")
    placeholders = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master"
            f" WHERE type = 'trigger' AND name IN ({placeholders}) ORDER BY name",
            list(names),
        )
        lifted = cursor.fetchall()
        for name, _ in lifted:
            cursor.execute(f'DROP TRIGGER "{name}"')
    return lifted


def put_back(lifted: list[tuple[str, str]], connection=default_connection) -> None:
    with connection.cursor() as cursor:
        for _, definition in lifted:
            cursor.execute(definition)
