"""What the audit log's hash chain costs an import (ocop/audit/chain.py): an import into a fresh
migrated database with the seal on commit held back, timed; then the seal of its one entry
and its change rows, timed apart; then `verify` of the whole chain. Run for the sample list
and a generated workbook of BENCH_CHAIN_ROWS rows (default 50,000), on DATABASE_URL's kind
(a SQLite file in a temporary folder; on PostgreSQL a new database beside DATABASE_URL's).

    python bench/bench_audit_chain.py"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
ROWS = int(os.environ.get("BENCH_CHAIN_ROWS", "50000"))
SAMPLE = ROOT / "tests" / "data" / "ocop-mau-2019-2026.xlsx"
OCOP = "from ocop.cli import main; main()"
MEASURE = """
import json, time
from django.db.models.signals import post_save
from ocop.audit import chain
from ocop.audit.models import Entry, ImportChange
from ocop.imports.engine import import_files
post_save.disconnect(sender=Entry, dispatch_uid="ocop.audit.chain")
start = time.perf_counter()
import_files([PATH])
imported = time.perf_counter()
sealed = chain.seal()
done = time.perf_counter()
verdict = chain.verify()
checked = time.perf_counter()
print(json.dumps({"changes": ImportChange.objects.count(), "sealed": sealed,
    "import_s": imported - start, "seal_s": done - imported, "verify_s": checked - done,
    "ok": verdict.ok}))
"""


def database(folder: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{folder / 'bench-chain.sqlite3'}"
    import psycopg

    name = "bench_audit_chain"
    server = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def ocop(env: dict, *args) -> str:
    done = subprocess.run(
        [sys.executable, "-c", OCOP, *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def measure(path: Path, folder: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": database(folder), "OCOP_DATA_DIR": str(folder)}
    (folder / "bench-chain.sqlite3").unlink(missing_ok=True)
    ocop(env, "migrate", "--no-input")
    code = MEASURE.replace("PATH", repr(str(path)))
    return json.loads(ocop(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
    import django

    django.setup()
    from ocop.imports.generate import write_workbook

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        generated = write_workbook(folder / f"ocop-{ROWS}.xlsx", ROWS)
        for path in (SAMPLE, generated):
            found = measure(path, folder)
            share = found["seal_s"] / found["import_s"]
            print(
                f"{path.name}: {found['changes']} change rows; import {found['import_s']:.2f} s, "
                f"seal {found['seal_s']:.3f} s (+{share:.1%}), verify {found['verify_s']:.3f} s, "
                f"chain {'ok' if found['ok'] else 'BROKEN'}"
            )


if __name__ == "__main__":
    main()
