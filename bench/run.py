"""`make bench`: every benchmark, on SQLite and on PostgreSQL, printing figures.
Targets (issues): summary < 200 ms and <= 2x the SQL floor at 50,000 products; public pages
p95 < 50 ms (verification < 20 ms) and search throughput >= Datasette's; the API's summary
p95 < 100 ms and a page of 100 products p95 < 50 ms; the full CSV download streams in < 5 s
with constant memory; an import of 50,000 rows <= 4x calamine's read of the file, < 500 MB."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DB = "ocop_bench"


def run(script: str, database_url: str) -> int:
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(HERE.parent)}
    return subprocess.call([sys.executable, str(HERE / script)], env=env)


def ensure_pg_database() -> str | None:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_DB]
            ).fetchone()
            if not exists:
                conn.execute(f"CREATE DATABASE {PG_DB}")
        return f"{PG_SERVER}/{PG_DB}"
    except Exception as exc:  # no server: report and go on with SQLite figures
        print(f"PostgreSQL not reachable ({exc}); skipping its figures.")
        return None


def main() -> int:
    failures = 0
    cache = Path(os.environ.get("BENCH_DIR", tempfile.gettempdir())) / "ocop-bench"
    cache.mkdir(parents=True, exist_ok=True)
    targets = [("SQLite", f"sqlite:///{cache / 'bench.sqlite3'}")]
    pg = ensure_pg_database()
    if pg:
        targets.append(("PostgreSQL", pg))
    for name, url in targets:
        print(f"== summary at national scale, {name}")
        failures += run("bench_summary.py", url) != 0
        print(f"== search /san-pham/ at national scale, in process, {name}")
        failures += run("bench_search.py", url) != 0
    for name, url in targets:
        # Into fresh databases of its own beside these (bench_import.py's docstring).
        print(f"== import of a 50,000-row workbook against calamine's read, {name}")
        failures += run("bench_import.py", url) != 0
    print("== import limits: peak memory of the worst files still allowed (SQLite)")
    failures += run("bench_import_limits.py", f"sqlite:///{cache / 'limits.sqlite3'}") != 0
    print("== public pages under load: gunicorn against Datasette (SQLite, 50,000 products)")
    failures += run("bench_public.py", targets[0][1]) != 0
    for name, url in targets:
        print(f"== the API /api/v1/ under load at national scale, {name}")
        failures += run("bench_api.py", url) != 0
    for name, url in targets:
        print(f"== the full CSV download of /du-lieu/ at national scale, {name}")
        failures += run("bench_data.py", url) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
