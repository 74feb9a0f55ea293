"""Import of a generated 50,000-row workbook, whole process against whole process: `ocop import
FILE` into a fresh migrated database (DATABASE_URL's kind) against a process that only reads
the same file with python-calamine, the floor. Each is timed from outside, start-up included
(wall seconds; CPU seconds and peak memory from the operating system's accounting of the
finished child), in turn, BENCH_IMPORT_RUNS times (default 3); the figures are medians, and
the ratio is taken run by run, so that a machine whose speed drifts moves both sides.
Goal (issue 17): <= 4x the floor and < 500 MB. Run through `make bench`;
`python bench/bench_import.py` alone works too.

The fresh database is made before each timed run, outside the timing: a copy of a migrated
SQLite file, or on PostgreSQL a database created from a migrated template (DATABASE_URL's
database itself is left alone: `make bench` keeps the national data set there)."""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from ocop.imports.generate import write_workbook  # noqa: E402

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))
RUNS = int(os.environ.get("BENCH_IMPORT_RUNS", "3"))
GOAL_RATIO, GOAL_MB = 4.0, 500
READ = (
    "import sys, python_calamine\n"
    "book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])\n"
    "print(sum(len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names))\n"
)
OCOP = "from ocop.cli import main; main()"


@dataclass
class Figures:
    wall: float
    cpu: float
    peak_mb: float


def timed(command: list[str], env: dict) -> Figures:
    """One whole process, from its start to its exit."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=False
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[:3]} failed: {process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return Figures(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


class SqliteTarget:
    def __init__(self, folder: Path):
        self.template = folder / "migrated.sqlite3"
        self.fresh = folder / "import.sqlite3"
        self.url = f"sqlite:///{self.fresh}"

    def migrate(self) -> None:
        url = f"sqlite:///{self.template}"
        subprocess.run([sys.executable, "-c", OCOP, "migrate", "-v0"], check=True,
                       env={**os.environ, "DATABASE_URL": url})  # fmt: skip

    def renew(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.fresh}{suffix}").unlink(missing_ok=True)
        self.fresh.write_bytes(self.template.read_bytes())

    def counts(self) -> tuple:
        import sqlite3

        with closing(sqlite3.connect(self.fresh)) as connection:
            return _counts(connection.execute)


class PostgresTarget:
    def __init__(self, url: str):
        name = urlsplit(url).path.lstrip("/")
        self.template, self.fresh = f"{name}_import_migrated", f"{name}_import"
        self.url = urlsplit(url)._replace(path=f"/{self.fresh}").geturl()
        self.template_url = urlsplit(url)._replace(path=f"/{self.template}").geturl()

    def server(self, name="postgres"):
        import psycopg

        db = settings.DATABASES["default"]
        return psycopg.connect(
            host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
            password=db["PASSWORD"], dbname=name, autocommit=True,
        )  # fmt: skip

    def migrate(self) -> None:
        with self.server() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.template}"')
        subprocess.run([sys.executable, "-c", OCOP, "migrate", "-v0"], check=True,
                       env={**os.environ, "DATABASE_URL": self.template_url})  # fmt: skip

    def renew(self) -> None:
        with self.server() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.fresh}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.fresh}" TEMPLATE "{self.template}"')

    def counts(self) -> tuple:
        with self.server(self.fresh) as connection:
            return _counts(connection.execute)


def _counts(execute) -> tuple:
    tables = ("registry_decision", "registry_product", "registry_producer", "audit_importchange")
    return tuple(execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in tables)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = write_workbook(folder / "ocop-50000.xlsx", ROWS)
        print(f"  generated {ROWS} rows ({path.stat().st_size // 1024} KiB)")
        vendor = connection.vendor
        url = os.environ.get("DATABASE_URL", "")
        target = PostgresTarget(url) if vendor == "postgresql" else SqliteTarget(folder)
        target.migrate()
        env = {**os.environ, "DATABASE_URL": target.url}
        imports, reads = [], []
        for _ in range(RUNS):
            target.renew()
            imports.append(timed([sys.executable, "-c", OCOP, "import", str(path)], env))
            reads.append(timed([sys.executable, "-c", READ, str(path)], env))
        decisions, products, producers, changes = target.counts()
    ratios = [i.wall / r.wall for i, r in zip(imports, reads, strict=True)]
    ratio = statistics.median(ratios)
    cpu_ratio = statistics.median(i.cpu / r.cpu for i, r in zip(imports, reads, strict=True))
    peak = max(i.peak_mb for i in imports)
    print(
        f"  {vendor}: {ROWS} rows -> {decisions} decisions, {products} products, {producers}"
        f" producers, {changes} audit rows; medians of {RUNS} runs, whole processes"
    )
    for name, runs in (("import", imports), ("calamine read", reads)):
        print(
            f"  {name}: {statistics.median(r.wall for r in runs):.2f} s wall,"
            f" {statistics.median(r.cpu for r in runs):.2f} s CPU"
        )
    # Only the import's: a child's peak counts the copy of this process it was forked from
    # (about 100 MB here), more than the whole read needs.
    print(f"  import's peak memory: {peak:.0f} MB")
    print(
        f"  ratio import / calamine: {ratio:.1f}x wall (runs {min(ratios):.1f}-{max(ratios):.1f}),"
        f" {cpu_ratio:.1f}x CPU"
    )
    goals = [(ratio <= GOAL_RATIO, f"<= {GOAL_RATIO:g}x calamine's read"),
             (peak < GOAL_MB, f"< {GOAL_MB} MB")]  # fmt: skip
    print("  goals: " + ", ".join(f"{text} {'met' if ok else 'NOT met'}" for ok, text in goals))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
