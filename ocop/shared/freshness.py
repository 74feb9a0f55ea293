"""What the public pages compute once a day and keep until the registry changes.

A token in the one-row table `catalog_registry_version` changes with every write to a table the
public pages read (decisions, products, producers, places, product sets, photos, shops), by
triggers in the database: the admin, the importer, bulk updates, cascades and raw SQL all move
it, and within the writer's own transaction too. A page asks the token first (one indexed read)
and uses what it kept for (today, token) when both match, else computes again: a revocation or
a new decision shows on the very next page, and nothing depends on the clock but the day.

The token is random rather than a counter: a transaction that rolls back restores the old token
with the old data, and a number reused afterwards could otherwise name other data.

- SQLite: a row trigger per table and write (SQLite has no statement triggers).
- PostgreSQL: one statement trigger per table (TRUNCATE included), so an import of thousands of
  rows moves the token a handful of times. Writers of the registry queue on the token's row
  until they commit; the registry is written by a few officers, not by the public.

Installed by migration catalog 0005 and checked after every `migrate` (SQLite drops a table's
triggers when a later migration rebuilds the table); installing moves the token."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date

from django.db import connection as default_connection
from django.db import connections

from ocop.shared.replica import reading_alias

TABLE = "catalog_registry_version"
WATCHED = [
    "registry_decision",
    "registry_product",
    "registry_producer",
    "registry_unit",
    "registry_province",
    "registry_productset",
    "registry_holiday",
    "catalog_productphoto",
    "catalog_pointofsale",
    # Trade fairs shown on product pages (ocop.trade), with the products each one shows.
    "trade_tradefair",
    "trade_tradefair_products",
]
_OPERATIONS = ["INSERT", "UPDATE", "DELETE"]
_SQLITE_NEW_TOKEN = "random()"
_PG_FUNCTION = f"""CREATE OR REPLACE FUNCTION catalog_registry_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN
    UPDATE {TABLE} SET token = md5(random()::text || clock_timestamp()::text) WHERE id = 1;
    RETURN NULL;
    END $$"""


def _sqlite_trigger(table: str, operation: str) -> tuple[str, str]:
    name = f"catalog_version_{table}_{operation.lower()}"
    return name, (
        f"CREATE TRIGGER {name} AFTER {operation} ON {table} BEGIN "
        f"UPDATE {TABLE} SET token = {_SQLITE_NEW_TOKEN} WHERE id = 1; END"
    )


def row_triggers(tables: list[str], operations=("INSERT", "UPDATE")) -> list[str]:
    """The SQLite triggers that move the token on these writes to these tables: what a bulk
    writer lifts for its write, bumping the token once after (ocop.shared.bulk_writes)."""
    return [_sqlite_trigger(table, operation)[0] for table in tables for operation in operations]


def install(connection=default_connection) -> None:
    """The token's table and row, and the triggers (those missing, or all on PostgreSQL);
    then a new token, since writes may have gone unseen while a trigger was missing."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY, token varchar(32))"
        )
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE} WHERE id = 1")
        if not cursor.fetchone()[0]:
            cursor.execute(f"INSERT INTO {TABLE} (id, token) VALUES (1, '')")
        # A table whose app migrates after catalog 0005 gets its trigger from post_migrate.
        watched = [t for t in WATCHED if t in connection.introspection.table_names(cursor)]
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
            for table in watched:
                cursor.execute(f"DROP TRIGGER IF EXISTS catalog_version_changed ON {table}")
                cursor.execute(
                    "CREATE TRIGGER catalog_version_changed AFTER INSERT OR UPDATE OR DELETE"
                    f" OR TRUNCATE ON {table} FOR EACH STATEMENT"
                    " EXECUTE FUNCTION catalog_registry_changed()"
                )
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            present = {row[0] for row in cursor.fetchall()}
            for table in watched:
                for operation in _OPERATIONS:
                    name, sql = _sqlite_trigger(table, operation)
                    if name not in present:
                        cursor.execute(sql)
        else:
            raise NotImplementedError(f"no registry version for {connection.vendor}")
    bump(connection)


def uninstall(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in WATCHED:
                if table in connection.introspection.table_names(cursor):
                    cursor.execute(f"DROP TRIGGER IF EXISTS catalog_version_changed ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS catalog_registry_changed()")
        else:
            for table in WATCHED:
                for operation in _OPERATIONS:
                    name, _ = _sqlite_trigger(table, operation)
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def bump(connection=default_connection) -> None:
    """A new token: what was kept is computed again (for a write the triggers cannot see)."""
    if TABLE not in connection.introspection.table_names():
        return  # not installed yet: nothing is kept either
    new = _SQLITE_NEW_TOKEN if connection.vendor == "sqlite" else "md5(random()::text)"
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET token = {new} WHERE id = 1")


def token(connection=None) -> str | None:
    """The registry's current token as this connection sees it (by default the one this
    request reads from); None when there is none (then nothing is kept)."""
    connection = connection or connections[reading_alias()]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row and row[0] else None


def missing_triggers(connection=default_connection) -> list[str]:
    """The SQLite triggers absent (a table rebuilt by a migration loses its own): []."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
    names = [_sqlite_trigger(t, o)[0] for t in WATCHED for o in _OPERATIONS]
    return [name for name in names if name not in present]


class Kept:
    """Values computed for one (day, token), at most `size` of them, the least recently used
    dropped first; everything kept for another day or token is dropped at once."""

    def __init__(self, size: int):
        self.size = size
        self._key = None
        self._values: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, day: date, name: Hashable, build: Callable, keep=None, connection=None):
        """The value kept under `name` for `day` and the registry as it is now, else what
        `build()` returns, kept unless `keep(value)` says not."""
        connection = connection or connections[reading_alias()]
        key = (connection.alias, connection.settings_dict.get("NAME"), day, token(connection))
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
