"""The public search's text index, kept by the database itself.

What is searched is folded text (ocop.domain.names.fold: no case, no marks, đ → d) that the
registry already stores on every write path: Product.search_key and Producer.search_key.
Communes and product sets are few (a few thousand, 26): their names are folded in Python at
query time, so no copy of them can go stale.

- SQLite: an FTS5 table `catalog_search` (rowid = product id; the product's and its producer's
  folded names) filled by triggers on registry_product and registry_producer, so the admin,
  the importer, bulk writes, cascades and raw SQL all keep it in step. Installed by migration
  catalog 0004 and checked after every `migrate` (SQLite drops a table's triggers when a later
  migration rebuilds it); when a trigger was missing the table is rebuilt.
- PostgreSQL: GIN indexes on to_tsvector('simple', search_key) of both tables: nothing to keep.

A typed word matches a word of the text that begins with it ("dong" finds "đông", "d" finds
"đỏ"), on both databases alike."""

import json
import re

from django.db import connection as default_connection
from django.db import connections

from ocop.shared import bulk_writes, freshness
from ocop.shared.replica import reading_alias

TABLE = "catalog_search"
VOCABULARY = "catalog_search_vocab"
SQLITE_TRIGGERS = [
    "catalog_search_insert",
    "catalog_search_delete",
    "catalog_search_update",
    "catalog_search_producer",
]
# The triggers of inserts and updates, which a bulk write lifts (on_bulk_write).
_WRITE_TRIGGERS = ["catalog_search_insert", "catalog_search_update", "catalog_search_producer"]
_WORD = re.compile(r"[^\W_]+")

_ROWS_OF = """INSERT INTO catalog_search(rowid, product, producer)
    SELECT p.id, p.search_key, o.search_key FROM registry_product p
    JOIN registry_producer o ON o.id = p.producer_id"""

SQLITE_TABLES = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(product, producer,"
    " tokenize = 'unicode61 remove_diacritics 0')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY} USING fts5vocab({TABLE}, 'row')",
]
SQLITE_SQL = [
    f"""CREATE TRIGGER IF NOT EXISTS catalog_search_insert AFTER INSERT ON registry_product
    BEGIN {_ROWS_OF} WHERE p.id = NEW.id; END""",
    """CREATE TRIGGER IF NOT EXISTS catalog_search_delete AFTER DELETE ON registry_product
    BEGIN DELETE FROM catalog_search WHERE rowid = OLD.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS catalog_search_update
    AFTER UPDATE OF id, search_key, producer_id ON registry_product
    BEGIN DELETE FROM catalog_search WHERE rowid = OLD.id; {_ROWS_OF} WHERE p.id = NEW.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS catalog_search_producer
    AFTER UPDATE OF id, search_key ON registry_producer
    BEGIN
    DELETE FROM catalog_search WHERE rowid IN
        (SELECT id FROM registry_product WHERE producer_id IN (OLD.id, NEW.id));
    {_ROWS_OF} WHERE p.producer_id = NEW.id;
    END""",
]
PG_SQL = [
    "CREATE INDEX IF NOT EXISTS catalog_product_words ON registry_product"
    " USING GIN (to_tsvector('simple', search_key))",
    "CREATE INDEX IF NOT EXISTS catalog_producer_words ON registry_producer"
    " USING GIN (to_tsvector('simple', search_key))",
]
PG_DROP = [
    "DROP INDEX IF EXISTS catalog_product_words",
    "DROP INDEX IF EXISTS catalog_producer_words",
]


def words(folded: str) -> list[str]:
    """The words of folded text as both databases' tokenizers cut it (letters and digits)."""
    return _WORD.findall(folded)


def install(connection=default_connection) -> bool:
    """Create the index and its triggers (or replace triggers of an older definition); when any
    trigger was missing, fill the index again from the products. Returns whether it did."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for statement in PG_SQL:
                cursor.execute(statement)
        return False
    if connection.vendor != "sqlite":
        raise NotImplementedError(f"no search index for {connection.vendor}")
    found = installed_triggers(connection)
    with connection.cursor() as cursor:
        for statement in SQLITE_TABLES:
            cursor.execute(statement)
        for name, statement in zip(SQLITE_TRIGGERS, SQLITE_SQL, strict=True):
            if found.get(name) != statement.replace(" IF NOT EXISTS", "", 1):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(statement)
        missing = not set(SQLITE_TRIGGERS) <= set(found)
        if missing:
            rebuild(connection)
    return missing


def uninstall(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in PG_DROP:
                cursor.execute(statement)
            return
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {VOCABULARY}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def rebuild(connection=default_connection) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(_ROWS_OF)
        # Searches kept by the public pages read this index: no trigger sees it refilled.
        freshness.bump(connection)


def on_bulk_write(sender, tables, **kwargs):
    """An import writing thousands of products: lift the index's row triggers, and refresh the
    rows of what it wrote in two statements once it has written (ocop.shared.bulk_writes)."""
    if not {"registry_product", "registry_producer"} & set(tables):
        return None
    lifted = bulk_writes.lift(_WRITE_TRIGGERS)
    if not lifted:
        return None

    def catch_up(written: dict) -> None:
        refresh(written.get("registry_product", ()), written.get("registry_producer", ()))
        bulk_writes.put_back(lifted)

    return catch_up


def refresh(product_ids, producer_ids, connection=default_connection) -> None:
    """The SQLite index's rows of these products and of every product of these producers,
    written again from the registry."""
    among = (
        "p.id IN (SELECT value FROM json_each(%s))"
        " OR p.producer_id IN (SELECT value FROM json_each(%s))"
    )
    ids = [json.dumps(sorted(product_ids)), json.dumps(sorted(producer_ids))]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE rowid IN (SELECT p.id FROM registry_product p"
            f" WHERE {among})",
            ids,
        )
        cursor.execute(f"{_ROWS_OF} WHERE {among}", ids)


def installed_triggers(connection=default_connection) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            ["catalog_search%"],
        )
        return dict(cursor.fetchall())


def stale_products(connection=default_connection) -> int:
    """How many products the SQLite index holds wrongly (missing, extra or out of date): 0."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT COUNT(*) FROM (
            SELECT p.id, p.search_key, o.search_key FROM registry_product p
            JOIN registry_producer o ON o.id = p.producer_id
            EXCEPT SELECT rowid, product, producer FROM {TABLE}) UNION ALL
            SELECT COUNT(*) FROM (SELECT rowid, product, producer FROM {TABLE} EXCEPT
            SELECT p.id, p.search_key, o.search_key FROM registry_product p
            JOIN registry_producer o ON o.id = p.producer_id)"""
        )
        return sum(row[0] for row in cursor.fetchall())


def selecting(alternatives: list[str], prefix: bool, connection=None):
    """SQL (and its parameters) selecting the ids of the products whose name or producer's
    name has a word equal to (or, with `prefix`, beginning with) one of `alternatives`
    (folded words), from the index alone."""
    connection = connection or connections[reading_alias()]
    if connection.vendor == "sqlite":
        star = "*" if prefix else ""
        expression = " OR ".join(f'"{w}"{star}' for w in alternatives)
        return f"SELECT rowid AS id FROM {TABLE} WHERE {TABLE} MATCH %s", [expression]
    star = ":*" if prefix else ""
    expression = " | ".join(f"'{w}'{star}" for w in alternatives)
    words = "to_tsvector('simple', {}.search_key) @@ to_tsquery('simple', %s)"
    return (
        f"SELECT p.id FROM registry_product p WHERE {words.format('p')} UNION ALL"
        " SELECT p.id FROM registry_product p JOIN registry_producer o ON o.id = p.producer_id"
        f" WHERE {words.format('o')}",
        [expression, expression],
    )


def vocabulary(near: str, connection=None) -> set[str]:
    """The indexed words one letter longer or shorter than `near`, or as long: where its
    corrections are."""
    connection = connection or connections[reading_alias()]
    low, high = len(near) - 1, len(near) + 1
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT term FROM {VOCABULARY} WHERE length(term) BETWEEN %s AND %s", [low, high]
            )
        else:
            cursor.execute(
                "SELECT word FROM ts_stat('SELECT to_tsvector(''simple'', search_key)"
                " FROM registry_product UNION ALL SELECT to_tsvector(''simple'', search_key)"
                " FROM registry_producer') WHERE length(word) BETWEEN %s AND %s",
                [low, high],
            )
        return {row[0] for row in cursor.fetchall()}
