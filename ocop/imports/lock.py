"""One import writes at a time. Imports read and check their files side by side, then take
turns to plan and write: the later one plans against what the earlier one wrote, so a list
that overlaps finds the producers and products already created instead of inserting them a
second time. `import_files` holds this lock around planning and writing, for the command
line and the back office alike.

PostgreSQL: a transaction-scoped advisory lock. SQLite: the write transaction started with
BEGIN IMMEDIATE, which takes the database's one write lock at once; a plain BEGIN would take
it only at the first write, after the plan was read, and fail at once ("database is locked")
when another writer had committed in between."""

from collections.abc import Callable
from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction

# Any fixed number, shared by every process that imports into this database.
ADVISORY_KEY = 20_250_701


class ImportBusy(Exception):
    """Another import kept the lock for longer than this one was allowed to wait."""

    def __init__(self, waited: float):
        super().__init__(waited)
        self.waited = waited


@contextmanager
def import_lock(wait: float | None = None, on_wait: Callable[[], None] = lambda: None):
    """A transaction in which this process is the only import writing. If another import
    holds the lock, calls `on_wait` and waits for it up to `wait` seconds (by default
    OCOP_IMPORT_LOCK_WAIT), then raises ImportBusy."""
    wait = settings.OCOP_IMPORT_LOCK_WAIT if wait is None else wait
    if connection.vendor == "postgresql":
        with transaction.atomic():
            _take(_advisory_lock, wait, on_wait)
            yield
    else:
        with ExitStack() as stack:
            _take(lambda seconds: _immediate_transaction(stack, seconds), wait, on_wait)
            yield


def _take(attempt: Callable[[float], bool], wait: float, on_wait) -> None:
    if not attempt(0):
        on_wait()
        if wait <= 0 or not attempt(wait):
            raise ImportBusy(max(wait, 0))


def is_busy(error: OperationalError) -> bool:
    """The database refused for a lock another connection holds (not any other failure)."""
    cause = error.__cause__
    return getattr(cause, "sqlite_errorname", "").startswith("SQLITE_BUSY") or (
        getattr(cause, "sqlstate", None) == "55P03"  # PostgreSQL's lock_not_available
    )


def _advisory_lock(wait: float) -> bool:
    with connection.cursor() as cursor:
        if not wait:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_KEY])
            return cursor.fetchone()[0]
        # lock_timeout bounds the wait in the server's queue (first come, first served).
        cursor.execute("SELECT current_setting('lock_timeout')")
        (previous,) = cursor.fetchone()
        milliseconds = max(1, round(wait * 1000))  # 0 would mean no limit at all
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{milliseconds}ms"])
        try:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_KEY])
        except OperationalError as error:
            if is_busy(error):
                return False
            raise
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])
    return True


def _immediate_transaction(stack: ExitStack, wait: float) -> bool:
    connection.ensure_connection()
    raw = connection.connection
    (previous,) = raw.execute("PRAGMA busy_timeout").fetchone()
    raw.execute(f"PRAGMA busy_timeout = {round(wait * 1000)}")
    # Django begins with "BEGIN {transaction_mode}" (OPTIONS["transaction_mode"]). Only this
    # transaction is IMMEDIATE: the admin wraps even the reading of a page in a transaction,
    # and that page should not wait for an import's write lock.
    mode, connection.transaction_mode = connection.transaction_mode, "IMMEDIATE"
    try:
        stack.enter_context(transaction.atomic())
    except OperationalError as error:
        if is_busy(error):
            return False
        raise
    finally:
        connection.transaction_mode = mode
        raw.execute(f"PRAGMA busy_timeout = {previous}")
    return True
