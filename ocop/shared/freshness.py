"""What the public pages compute once a day and keep until the registry changes, and which
products a change touched.

Two things change with every write to a table the public pages read (decisions, products,
producers, places, product sets, photos, shops, trade fairs), by triggers in the database, so
that the admin, the importer, bulk updates, cascades and raw SQL all move them, and within the
writer's own transaction too:

- the **version**: random tokens in the table `catalog_registry_version`. A value kept for a
  version (a rendered page, an API answer) is right while the version is the same. Random rather
  than a counter: a transaction that rolls back restores the old tokens with the old data, and
  a number reused afterwards could otherwise name other data.
- the **change log** `catalog_registry_change`: one row per product a write touched (NULL: "any
  product", for places, product sets, holidays, trade fairs, a truncate, a bulk write or more
  than `MANY` products at once). A process that keeps every product's standing of the day
  (ocop.catalog.standings) reads the rows it has not seen and recomputes those products only:
  a write costs what it changes, not a rebuild of 50,000 standings in every server process.

- SQLite: row triggers (SQLite has no statement triggers); one writer at a time, so log ids
  are in commit order and a reader asks for the ids above the last it saw. One version row.
- PostgreSQL: statement triggers with transition tables, so an import of thousands of rows
  writes one NULL row. Writers must not queue behind each other: the version has `SHARDS`
  rows and a writer moves one that no other writer holds (SKIP LOCKED); the log is appended
  to. Log ids are given before commit, so an id can become visible after a higher one: each row
  carries its transaction's id, and a reader asks again for every row of a transaction that was
  still running when it last looked (the snapshot's xmin).

The log keeps the newest `KEEP` rows; a reader that fell further behind recomputes everything.
Installed by migration catalog 0005 and checked after every `migrate` (SQLite drops a table's
triggers when a later migration rebuilds the table); installing moves the version."""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connection as default_connection
from django.db import connections

from ocop.shared.replica import reading_alias

TABLE = "catalog_registry_version"
CHANGES = "catalog_registry_change"
PRODUCTS = "catalog_product_version"
ANY = 0  # the row of PRODUCTS that moves with a write of "any product"
SHARDS = 16
# More products than this in one statement (or unseen by a reader) are "any product": a
# rebuild then costs less than recomputing them one by one.
MANY = 2000
KEEP = 20000

# The tables the public pages read, and for those whose rows belong to products, the products
# a set of their rows touches: `{rows}` is the set (PostgreSQL: a transition table; SQLite: a
# one-row subquery of NEW or OLD).
_PRODUCTS_OF = {
    "registry_decision": "SELECT product_id FROM {rows}",
    "registry_product": "SELECT id FROM {rows}",
    "registry_producer": (
        "SELECT p.id FROM registry_product p JOIN {rows} r ON p.producer_id = r.id"
    ),
    "catalog_productphoto": "SELECT product_id FROM {rows}",
    # A shop named for a producer shows on each of its products' pages.
    "catalog_pointofsale": (
        "SELECT product_id FROM {rows} WHERE product_id IS NOT NULL"
        " UNION SELECT p.id FROM registry_product p JOIN {rows} r ON p.producer_id = r.producer_id"
    ),
    # Trade fairs shown on product pages (ocop.trade), with the products each one shows.
    "trade_tradefair_products": "SELECT product_id FROM {rows}",
}
_ANY_PRODUCT = [
    "registry_unit",
    "registry_province",
    "registry_productset",
    "registry_holiday",
    "trade_tradefair",
]
WATCHED = [*_PRODUCTS_OF, *_ANY_PRODUCT]
_OPERATIONS = ["INSERT", "UPDATE", "DELETE"]
_COLUMNS = {
    "registry_decision": ["product_id"],
    "registry_product": ["id"],
    "registry_producer": ["id"],
    "catalog_productphoto": ["product_id"],
    "catalog_pointofsale": ["product_id", "producer_id"],
    "trade_tradefair_products": ["product_id"],
}
_SQLITE_NEW_TOKEN = "random()"
_PG_NEW_TOKEN = "md5(random()::text || clock_timestamp()::text)"
# When a write happened, in UTC (SQLite's text form): the log's `at` column, which on SQLite the
# triggers fill (SQLite cannot add a column with this default to an existing table) and on
# PostgreSQL its default (the writing transaction's start). NULL: no data changed (an install).
_SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
# Older names, dropped when found: the triggers of the version alone, before the log.
_OLD_SQLITE = "catalog_version_{table}_{operation}"


def _sqlite_trigger(table: str, operation: str) -> tuple[str, str]:
    name = f"catalog_change_{table}_{operation.lower()}"
    if table in _PRODUCTS_OF:
        sides = {"INSERT": ["NEW"], "UPDATE": ["OLD", "NEW"], "DELETE": ["OLD"]}[operation]
        touched = " UNION ".join(
            _PRODUCTS_OF[table].format(
                rows="(SELECT " + ", ".join(f"{side}.{c} AS {c}" for c in _COLUMNS[table]) + ")"
            )
            for side in sides
        )
        log = (
            f"INSERT INTO {CHANGES} (product_id, at) SELECT *, {_SQLITE_NOW} FROM ({touched});"
            f" INSERT INTO {PRODUCTS} (product_id, token) SELECT *, {_SQLITE_NEW_TOKEN}"
            f" FROM ({touched}) WHERE 1"
            " ON CONFLICT (product_id) DO UPDATE SET token = excluded.token"
        )
    else:
        log = (
            f"INSERT INTO {CHANGES} (product_id, at) VALUES (NULL, {_SQLITE_NOW});"
            f" UPDATE {PRODUCTS} SET token = {_SQLITE_NEW_TOKEN} WHERE product_id = {ANY}"
        )
    body = (
        f"{log}; DELETE FROM {CHANGES} WHERE id <= (SELECT max(id) FROM {CHANGES}) - {KEEP};"
        f" UPDATE {TABLE} SET token = {_SQLITE_NEW_TOKEN} WHERE id = 1;"
    )
    return name, f"CREATE TRIGGER {name} AFTER {operation} ON {table} BEGIN {body} END"


def _pg_function(table: str, operation: str) -> tuple[str, str]:
    """(the function's name, its definition) for this table and operation."""
    name = f"catalog_changed_{table}_{operation.lower()}"
    sides = {"INSERT": ["new_rows"], "UPDATE": ["old_rows", "new_rows"]}.get(
        operation, ["old_rows"]
    )
    anything = operation == "TRUNCATE" or table not in _PRODUCTS_OF
    if operation == "TRUNCATE":
        touched = "SELECT NULL::bigint"
    elif table not in _PRODUCTS_OF:
        touched = f"SELECT NULL::bigint FROM (SELECT 1 FROM {sides[0]} LIMIT 1) r"
    else:
        touched = " UNION ".join(_PRODUCTS_OF[table].format(rows=side) for side in sides)
    return (
        name,
        f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
    LANGUAGE plpgsql AS $$ DECLARE touched bigint; BEGIN
    SELECT count(*) INTO touched FROM ({touched}) t;
    IF touched = 0 THEN RETURN NULL; END IF;
    IF touched > {MANY} OR {"true" if anything else "false"} THEN
        INSERT INTO {CHANGES} (product_id) VALUES (NULL);
        UPDATE {PRODUCTS} SET token = {_PG_NEW_TOKEN} WHERE product_id = {ANY};
    ELSE
        INSERT INTO {CHANGES} (product_id) SELECT * FROM ({touched}) t;
        INSERT INTO {PRODUCTS} (product_id, token)
            SELECT d.*, {_PG_NEW_TOKEN} FROM (SELECT DISTINCT * FROM ({touched}) t) d ORDER BY 1
            ON CONFLICT (product_id) DO UPDATE SET token = EXCLUDED.token;
    END IF;
    DELETE FROM {CHANGES} WHERE id IN (SELECT id FROM {CHANGES}
        WHERE id <= (SELECT max(id) FROM {CHANGES}) - {KEEP} FOR UPDATE SKIP LOCKED);
    UPDATE {TABLE} SET token = {_PG_NEW_TOKEN} WHERE id = COALESCE((SELECT id FROM {TABLE}
        ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED), 1);
    RETURN NULL;
    END $$""",
    )


def _pg_triggers(table: str) -> list[str]:
    statements = []
    for operation in [*_OPERATIONS, "TRUNCATE"]:
        function, definition = _pg_function(table, operation)
        statements.append(definition)
        trigger = f"catalog_change_{operation.lower()}"
        statements.append(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        referencing = {
            "INSERT": " REFERENCING NEW TABLE AS new_rows",
            "UPDATE": " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
            "DELETE": " REFERENCING OLD TABLE AS old_rows",
        }.get(operation, "")
        statements.append(
            f"CREATE TRIGGER {trigger} AFTER {operation} ON {table}{referencing}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    return statements


def row_triggers(tables: list[str], operations=("INSERT", "UPDATE")) -> list[str]:
    """The SQLite triggers that log these writes to these tables: what a bulk writer lifts
    for its write, bumping the version once after (ocop.shared.bulk_writes)."""
    return [_sqlite_trigger(table, operation)[0] for table in tables for operation in operations]


def install(connection=default_connection) -> None:
    """The version's table and rows, the log, and the triggers (those missing, or all on
    PostgreSQL); then a new version, since writes may have gone unseen while one was missing."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY, token varchar(32))"
        )
        shards = SHARDS if connection.vendor == "postgresql" else 1
        cursor.execute(f"SELECT id FROM {TABLE}")
        present = {row[0] for row in cursor.fetchall()}
        for shard in range(1, shards + 1):
            if shard not in present:
                cursor.execute(f"INSERT INTO {TABLE} (id, token) VALUES ({shard}, '')")
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {PRODUCTS}"
            " (product_id bigint PRIMARY KEY, token varchar(32) NOT NULL)"
        )
        cursor.execute(f"SELECT COUNT(*) FROM {PRODUCTS} WHERE product_id = {ANY}")
        if not cursor.fetchone()[0]:
            cursor.execute(f"INSERT INTO {PRODUCTS} (product_id, token) VALUES ({ANY}, '')")
        tables = connection.introspection.table_names(cursor)
        # A table whose app migrates after catalog 0005 gets its trigger from post_migrate.
        watched = [t for t in WATCHED if t in tables]
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {CHANGES} (id bigserial PRIMARY KEY,"
                " product_id bigint, xid xid8 NOT NULL DEFAULT pg_current_xact_id())"
            )
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {CHANGES}_xid ON {CHANGES} (xid)")
            # In two steps: rows logged before the column have no time (NULL), not this one.
            cursor.execute(f"ALTER TABLE {CHANGES} ADD COLUMN IF NOT EXISTS at timestamptz")
            cursor.execute(f"ALTER TABLE {CHANGES} ALTER COLUMN at SET DEFAULT now()")
            cursor.execute("DROP FUNCTION IF EXISTS catalog_registry_changed() CASCADE")
            for table in watched:
                for statement in _pg_triggers(table):
                    cursor.execute(statement)
        elif connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {CHANGES}"
                " (id integer PRIMARY KEY AUTOINCREMENT, product_id integer, at text)"
            )
            cursor.execute(f"SELECT name FROM pragma_table_info('{CHANGES}')")
            if "at" not in {row[0] for row in cursor.fetchall()}:
                cursor.execute(f"ALTER TABLE {CHANGES} ADD COLUMN at text")
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            present = dict(cursor.fetchall())
            for table in watched:
                for operation in _OPERATIONS:
                    old = _OLD_SQLITE.format(table=table, operation=operation.lower())
                    if old in present:
                        cursor.execute(f"DROP TRIGGER {old}")
                    name, sql = _sqlite_trigger(table, operation)
                    if present.get(name) != sql:  # missing, or of an earlier release
                        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                        cursor.execute(sql)
        else:
            raise NotImplementedError(f"no registry version for {connection.vendor}")
    bump(connection, changed=False)


def uninstall(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in WATCHED:
                if table in connection.introspection.table_names(cursor):
                    for operation in [*_OPERATIONS, "TRUNCATE"]:
                        trigger = f"catalog_change_{operation.lower()}"
                        cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
                for operation in [*_OPERATIONS, "TRUNCATE"]:
                    function, _ = _pg_function(table, operation)
                    cursor.execute(f"DROP FUNCTION IF EXISTS {function}()")
        else:
            for table in WATCHED:
                for operation in _OPERATIONS:
                    name, _ = _sqlite_trigger(table, operation)
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {CHANGES}")
        cursor.execute(f"DROP TABLE IF EXISTS {PRODUCTS}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def bump(connection=default_connection, changed: bool = True) -> None:
    """A new version and "any product" in the log: everything kept is computed again (for a
    write the triggers cannot see, or whose triggers a bulk writer lifted). `changed`: the data
    changed (False for an install, which must not date the public data)."""
    if TABLE not in connection.introspection.table_names():
        return  # not installed yet: nothing is kept either
    sqlite = connection.vendor == "sqlite"
    new = _SQLITE_NEW_TOKEN if sqlite else _PG_NEW_TOKEN
    at = "NULL" if not changed else _SQLITE_NOW if sqlite else "now()"
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {CHANGES} (product_id, at) VALUES (NULL, {at})")
        cursor.execute(f"UPDATE {PRODUCTS} SET token = {new} WHERE product_id = {ANY}")
        cursor.execute(f"UPDATE {TABLE} SET token = {new} WHERE id = 1")


@dataclass(frozen=True)
class Look:
    """The registry as one reader saw it at one moment."""

    version: str
    mark: int  # SQLite: the newest log id; PostgreSQL: the oldest transaction still running
    newest: int  # the newest log id (0: none)
    # PostgreSQL: the log rows already visible of transactions not older than `mark` (rows the
    # next look must not count again, while a long transaction holds `mark` back).
    recent: frozenset = frozenset()


def look(connection=None) -> Look | None:
    """The version and where the log stands as this connection sees them, in one statement
    (one snapshot); None when the registry has no version (then nothing is kept)."""
    connection = connection or connections[reading_alias()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH now AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)"
                f" SELECT (SELECT string_agg(token, '' ORDER BY id) FROM {TABLE}),"
                " (SELECT xmin::text::bigint FROM now),"
                f" (SELECT max(id) FROM {CHANGES}),"
                f" (SELECT array_agg(id) FROM {CHANGES} WHERE xid >= (SELECT xmin FROM now))"
            )
            tokens, mark, newest, recent = cursor.fetchone()
        else:
            cursor.execute(
                f"SELECT (SELECT token FROM {TABLE} WHERE id = 1), (SELECT max(id) FROM {CHANGES})"
            )
            tokens, newest = cursor.fetchone()
            mark, recent = newest, None
    if not tokens:
        return None
    return Look(_named(tokens), mark or 0, newest or 0, frozenset(recent or ()))


def token(connection=None) -> str | None:
    """The registry's current version as this connection sees it (by default the one this
    request reads from); None when there is none (then nothing is kept)."""
    connection = connection or connections[reading_alias()]
    shards = (
        "string_agg(token, '' ORDER BY id)" if connection.vendor == "postgresql" else "max(token)"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {shards} FROM {TABLE}")
        row = cursor.fetchone()
    return _named(row[0]) if row and row[0] else None


def last_change(connection=None) -> datetime | None:
    """When the public data last changed (the newest dated row of the log, written by the
    triggers with every write, whatever wrote it); None when nothing is dated yet."""
    connection = connection or connections[reading_alias()]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT at FROM {CHANGES} WHERE at IS NOT NULL ORDER BY id DESC LIMIT 1")
        row = cursor.fetchone()
    if row is None:
        return None
    if isinstance(row[0], str):  # SQLite: UTC as text
        return datetime.fromisoformat(row[0]).replace(tzinfo=UTC)
    return row[0]


def _named(tokens) -> str:
    """One name for the version: PostgreSQL's shards' tokens, joined, are hashed."""
    tokens = str(tokens)
    if len(tokens) > 32:
        return hashlib.md5(tokens.encode(), usedforsecurity=False).hexdigest()
    return tokens


def product_token(product_id: int, connection=None) -> str | None:
    """A name for the state of one product's public page: it changes with every write that
    touches the product (its decisions, photos, shops, producer, trade fairs) or "any product",
    and with nothing else, so a page kept under it outlives other products' writes. None when
    the registry has no version (then nothing is kept)."""
    connection = connection or connections[reading_alias()]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT product_id, token FROM {PRODUCTS} WHERE product_id IN (%s, %s)",
            [ANY, product_id],
        )
        tokens = dict(cursor.fetchall())
    if not tokens.get(ANY):
        return None
    return f"{tokens[ANY]}:{tokens.get(product_id, '')}"


def products_token(product_ids, version: str, connection=None) -> str | None:
    """A name for the state of these products and of "any product" (as product_token), read
    in one statement with the registry's version: None unless that version is still `version`.
    For a page computed from the registry as seen at `version` (a search page's list and
    counts) and then keyed by the products it shows: were a write to come between, the page
    could be older than the tokens it would be kept under, and it is then not kept."""
    connection = connection or connections[reading_alias()]
    ids = sorted({int(pk) for pk in product_ids} | {ANY})
    shards = (
        "string_agg(token, '' ORDER BY id)" if connection.vendor == "postgresql" else "max(token)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.tokens, p.product_id, p.token FROM (SELECT {shards} AS tokens"
            f" FROM {TABLE}) v LEFT JOIN {PRODUCTS} p"
            f" ON p.product_id IN ({', '.join(['%s'] * len(ids))})",
            ids,
        )
        rows = cursor.fetchall()
    if not rows or not rows[0][0] or _named(rows[0][0]) != version:
        return None
    tokens = {pk: token for _, pk, token in rows if pk is not None}
    if not tokens.get(ANY):
        return None
    return ":".join(f"{pk}={tokens.get(pk, '')}" for pk in ids)


def changed_products(since: Look, connection=None) -> frozenset[int] | None:
    """The products written since `since` was seen (a superset: some may have been seen
    already); None for "any product" (a bulk write, a place, more than MANY, or log rows
    dropped before this reader saw them). Asked outside any transaction only: inside one, the
    log holds the writer's own rows, which may still roll back."""
    connection = connection or connections[reading_alias()]
    if connection.vendor == "postgresql":
        unseen, params = (
            "xid >= %s::text::xid8 AND NOT id = ANY(%s)",
            [since.mark, list(since.recent)],
        )
    else:
        unseen, params = "id > %s", [since.mark]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id) FROM {CHANGES}")
        oldest = cursor.fetchone()[0]
        if oldest is not None and oldest > since.newest + 1:
            return None
        cursor.execute(
            f"SELECT DISTINCT product_id FROM {CHANGES} WHERE {unseen} LIMIT {MANY + 1}", params
        )
        found = [row[0] for row in cursor.fetchall()]
    if len(found) > MANY or any(pk is None for pk in found):
        return None
    return frozenset(found)


def missing_triggers(connection=default_connection) -> list[str]:
    """The SQLite triggers absent (a table rebuilt by a migration loses its own): []."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
    names = [_sqlite_trigger(t, o)[0] for t in WATCHED for o in _OPERATIONS]
    return [name for name in names if name not in present]


def database_key(connection) -> tuple:
    """Which database a kept value was read from (the tests' databases share a process)."""
    return (connection.alias, connection.settings_dict.get("NAME"))


class Kept:
    """Values computed for one (day, version) and kept in this process, at most `size` of
    them, the least recently used dropped first; everything kept for another day or version is
    dropped at once. For values too large to fetch from a shared cache on every request (the
    API's ordered lists); pages and answers go through ocop.shared.kept_values."""

    def __init__(self, size: int):
        self.size = size
        self._key = None
        self._values: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, day: date, name: Hashable, build: Callable, keep=None, connection=None):
        """The value kept under `name` for `day` and the registry as it is now, else what
        `build()` returns, kept unless `keep(value)` says not."""
        connection = connection or connections[reading_alias()]
        key = (*database_key(connection), day, token(connection))
        if key[-1] is None:
            return build()
        with self._lock:
            if key != self._key:
                self._key, self._values = key, OrderedDict()
            if name in self._values:
                self._values.move_to_end(name)
                return self._values[name]
        value = build()
        if keep is not None and not keep(value):
            return value
        with self._lock:
            if key == self._key:
                self._values[name] = value
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._key, self._values = None, OrderedDict()
