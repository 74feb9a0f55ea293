"""`make bench`: every benchmark, on SQLite and on PostgreSQL, printing figures, then a summary
of every goal line they printed (goals.py).
Targets (issues): summary < 200 ms and <= 2x the SQL floor at 50,000 products; public pages
p95 < 50 ms (verification < 20 ms) and search throughput >= 2x Datasette's; the API's summary
p95 < 100 ms and a page of 100 products p95 < 50 ms; the full CSV download streams in < 5 s
with constant memory; an import of 50,000 rows <= 4x calamine's read of the file, < 500 MB;
reads under writes (an officer saving every 2 s, a 5,000-row import) >= 0.8x the throughput
and < 2x the p95 of the reads alone, without error; the API's limit of 100 a minute lets at
most 110 through across 3 workers.

    python bench/run.py [--quick] [NAME ...]

NAMEs pick benchmarks (summary, search, import, import-limits, public, api, data, writes,
api-limit; all by default); --quick shortens the load phases of the writes bench
(BENCH_QUICK=1). BENCH_PG (server address) and BENCH_PG_DB (ocop_bench) name the PostgreSQL
database; BENCH_DIR the folder of the SQLite ones."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DB = os.environ.get("BENCH_PG_DB", "ocop_bench")
# (name, title, script, databases: "all" or "sqlite"), in the order they run.
BENCHES = [
    ("summary", "summary at national scale", "bench_summary.py", "all"),
    ("search", "search /san-pham/ at national scale, in process", "bench_search.py", "all"),
    ("import", "import of a 50,000-row workbook against calamine's read", "bench_import.py",
     "all"),
    ("import-limits", "import limits: peak memory of the worst files still allowed",
     "bench_import_limits.py", "limits"),
    ("public", "public pages under load: gunicorn against Datasette (50,000 products)",
     "bench_public.py", "sqlite"),
    ("api", "the API /api/v1/ under load at national scale", "bench_api.py", "all"),
    ("data", "the full CSV download of /du-lieu/ at national scale", "bench_data.py", "all"),
    ("writes", "reads under writes: an officer's saves, an import (50,000 products)",
     "bench_writes.py", "all"),
    ("api-limit", "the API's per-minute limit across 3 gunicorn workers", "bench_api_limit.py",
     "sqlite"),
]  # fmt: skip


def run(script: str, database_url: str, title: str, goals: list[str]) -> int:
    """The script in its own process; its output passes through, its goal lines are kept."""
    print(f"== {title}", flush=True)
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(HERE.parent)}
    with subprocess.Popen(
        [sys.executable, str(HERE / script)], env=env, stdout=subprocess.PIPE, text=True
    ) as child:
        for line in child.stdout:
            print(line, end="", flush=True)
            if line.startswith("  goal"):
                goals.append(f"{title}:\n  {line.strip()}")
    return child.returncode


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


def main(arguments: list[str]) -> int:
    if "--quick" in arguments:
        os.environ["BENCH_QUICK"] = "1"
    # The servers and commands run with DEBUG off, where `ocop check` asks for the public
    # address (ocop.E006): the loopback, as the benches serve it.
    os.environ.setdefault("OCOP_PUBLIC_URL", "http://127.0.0.1")
    chosen = [a for a in arguments if not a.startswith("--")] or [b[0] for b in BENCHES]
    unknown = set(chosen) - {b[0] for b in BENCHES}
    if unknown:
        print(f"No benchmark named {', '.join(sorted(unknown))}; see bench/run.py.")
        return 2
    cache = Path(os.environ.get("BENCH_DIR", tempfile.gettempdir())) / "ocop-bench"
    cache.mkdir(parents=True, exist_ok=True)
    databases = {"sqlite": [("SQLite", f"sqlite:///{cache / 'bench.sqlite3'}")]}
    pg = ensure_pg_database()
    databases["all"] = databases["sqlite"] + ([("PostgreSQL", pg)] if pg else [])
    databases["limits"] = [("SQLite", f"sqlite:///{cache / 'limits.sqlite3'}")]
    failures, goals = 0, []
    for name, title, script, where in BENCHES:
        if name in chosen:
            for database, url in databases[where]:
                failures += run(script, url, f"{title}, {database}", goals) != 0
    print("== goals")
    print("\n".join(goals) if goals else "  (no goal line printed)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
