"""Two `ocop import` processes started at the same moment on one database both land, one
after the other: the registry ends exactly as if they had been run in turn, and each leaves
its trace. An import that cannot get its turn within OCOP_IMPORT_LOCK_WAIT stops with a
Vietnamese message, writes nothing and leaves a refused trace. Real processes, on a SQLite
file and on a PostgreSQL database of their own."""

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from ocop.imports.generate import decision_rows, write_rows
from ocop.imports.lock import ADVISORY_KEY

ROWS = 3000  # each list: enough that the two processes read and check side by side
# Every table an import writes, keyed by names instead of ids, without the times of writing.
QUERIES = (
    "SELECT name, kind, tax_code, address, unit_id, name_key FROM registry_producer"
    " ORDER BY 1, 2, 3, 4, 5, 6",
    "SELECT pr.name_key, pr.unit_id, p.name, p.name_key, p.unit_id, p.address"
    " FROM registry_product p JOIN registry_producer pr ON pr.id = p.producer_id"
    " ORDER BY 1, 2, 3, 4, 5, 6",
    "SELECT pr.name_key, p.name_key, d.stars, d.number, d.decided_on, d.last_valid_day,"
    " d.next_decided_on, d.source FROM registry_decision d"
    " JOIN registry_product p ON p.id = d.product_id"
    " JOIN registry_producer pr ON pr.id = p.producer_id ORDER BY 1, 2, 3, 4, 5, 6, 7, 8",
    "SELECT file_name, sha256, status, CAST(counts AS TEXT) FROM imports_importrun ORDER BY id",
)
WRITTEN = ("registry_decision", "registry_product", "registry_producer", "imports_importrun")
ENGINE = settings.DATABASES["default"]["ENGINE"]


class SqliteFile:
    def __init__(self, path: Path):
        self.path = path
        self.url = f"sqlite:///{path}"

    def empty(self, name: str) -> "SqliteFile":
        """A copy of this (empty, migrated) registry."""
        return SqliteFile(Path(shutil.copy(self.path, self.path.with_name(f"{name}.sqlite3"))))

    def drop(self) -> None:
        pass  # in the test's temporary folder

    def query(self, sql: str) -> list[tuple]:
        with closing(sqlite3.connect(self.path)) as connection:
            return connection.execute(sql).fetchall()

    @contextmanager
    def held(self):
        """Another writer holding SQLite's write lock."""
        with closing(sqlite3.connect(self.path, isolation_level=None)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            yield
            connection.execute("ROLLBACK")


class PostgresDatabase:
    def __init__(self, name: str):
        self.name = name
        self.url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
        self.copies = {}

    @staticmethod
    def server(name="postgres"):
        import psycopg

        db = settings.DATABASES["default"]
        return psycopg.connect(
            host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
            password=db["PASSWORD"], dbname=name, autocommit=True,
        )  # fmt: skip

    def create(self, template: str = "template0") -> "PostgresDatabase":
        with self.server() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            connection.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{template}"')
        return self

    def empty(self, name: str) -> "PostgresDatabase":
        """A copy of this (empty, migrated) registry, made once and emptied again on later
        calls: emptying the tables an import writes is much quicker than a new database."""
        if name not in self.copies:
            self.copies[name] = PostgresDatabase(f"{self.name}_{name}").create(self.name)
        else:
            with self.server(self.copies[name].name) as connection:
                connection.execute(f"TRUNCATE {', '.join(WRITTEN)} RESTART IDENTITY CASCADE")
        return self.copies[name]

    def drop(self) -> None:
        with self.server() as connection:
            for database in [*self.copies.values(), self]:
                connection.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')

    def query(self, sql: str) -> list[tuple]:
        with self.server(self.name) as connection:
            return connection.execute(sql).fetchall()

    @contextmanager
    def held(self):
        """Another import holding the registry's advisory lock."""
        with self.server(self.name) as connection:
            connection.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
            yield
            connection.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])


CLI = "from ocop.cli import main; main()"
# The command line, also saying on stderr the moment an import gives up waiting for its turn
# (raises ImportBusy), which nothing outside the process can see otherwise.
CLI_SAYING_WHEN_BUSY = f"""
import sys
from ocop.imports.lock import ImportBusy
def said(self, waited, init=ImportBusy.__init__):
    init(self, waited)
    print("ImportBusy", file=sys.stderr, flush=True)
ImportBusy.__init__ = said
{CLI}
"""


def ocop(database, *args, wait=None, cli=CLI) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database.url, "PYTHONUNBUFFERED": "1"}
    if wait is not None:
        env["OCOP_IMPORT_LOCK_WAIT"] = str(wait)
    command = [sys.executable, "-c", cli, *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip


def finish(database, *args) -> None:
    process = ocop(database, *args)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, out + err


def state(database) -> tuple:
    return tuple(database.query(sql) for sql in QUERIES)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def migrated(request, tmp_path_factory):
    """An empty migrated registry of the database kind the suite runs on."""
    if (request.param == "postgresql") != (ENGINE == "django.db.backends.postgresql"):
        pytest.skip(f"runs in the {request.param} pass of CI")
    if request.param == "sqlite":
        database = SqliteFile(tmp_path_factory.mktemp("concurrent") / "empty.sqlite3")
    else:
        name = settings.DATABASES["default"]["NAME"].removeprefix("test_")
        database = PostgresDatabase(f"test_{name}_concurrent").create()
    finish(database, "migrate", "--no-input")
    yield database
    database.drop()


@pytest.fixture(scope="module")
def lists(tmp_path_factory):
    """Lists cut from one generated register: a and b share no rows, c repeats the second
    half of a (same producers, products and decisions) and goes on."""
    folder = tmp_path_factory.mktemp("lists")
    rows = decision_rows(2 * ROWS, seed=5)
    return {
        "a": write_rows(folder / "a.xlsx", rows[:ROWS]),
        "b": write_rows(folder / "b.xlsx", rows[ROWS:]),
        "c": write_rows(folder / "c.xlsx", rows[ROWS // 2 : ROWS + ROWS // 2]),
        "small": write_rows(folder / "nho.xlsx", rows[:20]),
    }


def import_at_once(database, first: Path, second: Path) -> None:
    # Both start while another writer holds the registry, and both have read and checked their
    # file (they say they are waiting) before either may write: on a busy machine the first
    # could otherwise be done before the second had started, and nothing would run at once.
    with database.held():
        processes = [ocop(database, "import", str(path)) for path in (first, second)]
        for process in processes:
            waiting = next((line for line in process.stderr if "Đang chờ" in line), None)
            assert waiting, "the import ended without waiting for its turn"
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, out + err
        assert "Traceback" not in err


def landed_first(database, first: Path, second: Path) -> list[Path]:
    names = [
        name for (name,) in database.query("SELECT file_name FROM imports_importrun ORDER BY id")
    ]
    assert sorted(names) == sorted([first.name, second.name])
    return [first, second] if names[0] == first.name else [second, first]


def assert_side_by_side(database) -> None:
    """Both processes were reading and checking before either finished: they did overlap."""
    times = database.query("SELECT started_at, finished_at FROM imports_importrun")
    assert max(started for started, _ in times) < min(finished for _, finished in times)


@pytest.mark.parametrize("pair", [("a", "b"), ("a", "c")], ids=["different", "overlapping"])
def test_two_lists_imported_at_once_both_land_as_if_in_turn(migrated, lists, pair):
    first, second = (lists[name] for name in pair)
    together = migrated.empty("together")
    import_at_once(together, first, second)
    assert_side_by_side(together)
    in_turn = migrated.empty("in_turn")
    for path in landed_first(together, first, second):
        finish(in_turn, "import", str(path))
    assert state(together) == state(in_turn)
    statuses = together.query("SELECT status FROM imports_importrun")
    assert statuses == [("applied",), ("applied",)]


def test_an_import_that_cannot_get_its_turn_stops_with_a_message_and_a_trace(migrated, lists):
    database = migrated.empty("busy")
    with database.held():
        process = ocop(database, "import", str(lists["small"]), wait=1, cli=CLI_SAYING_WHEN_BUSY)
        waiting = next(line for line in process.stderr if "Đang chờ" in line)
        if isinstance(database, SqliteFile):
            # The trace needs SQLite's one write lock too: the other writer lets go once the
            # import has given up its turn, and the trace is written then.
            gave_up = next((line for line in process.stderr if "ImportBusy" in line), None)
            assert gave_up, "the import ended without giving up its turn"
        else:
            process.wait(timeout=60)
    out, err = process.communicate(timeout=60)
    assert waiting.startswith("Đang chờ lần nhập khác ghi xong")
    assert process.returncode == 1, out + err
    assert "Traceback" not in err
    assert "nho.xlsx — đang có lần nhập khác ghi vào sổ đăng ký, đã chờ 1 giây; thử lại" in out
    assert "Không ghi gì vào cơ sở dữ liệu." in out
    assert database.query("SELECT COUNT(*) FROM registry_decision") == [(0,)]
    runs = database.query("SELECT file_name, status, errors_count FROM imports_importrun")
    assert runs == [("nho.xlsx", "refused", 1)]
