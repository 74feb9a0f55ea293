"""Make tests/data/upgrade/: a registry database made by the previous release, and the figures
that release computes from it (tests/test_upgrade.py migrates a copy with this checkout and
compares). Run from a checkout, with git and network-free pip as `make install` uses:

    .venv/bin/python scripts/make_upgrade_fixture.py v2026.12.0 postgres://postgres@127.0.0.1:5432/x

It checks the release out in a temporary worktree, installs it in a venv of its own, and there,
with a new SQLite database: migrates, imports the sample list (tests/data/ocop-mau-2019-2026.xlsx),
records a revocation, a re-evaluation's decision and a change of a product as the back office
would, then saves the database (gzip) and `ocop summary --json --breakdowns` on DAYS. Given a
PostgreSQL URL, it does the same in a new database on that server (named after the URL's, with
`_upgrade`; dropped after) and saves a `pg_dump --format=custom` of it."""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "upgrade"
SAMPLE = "tests/data/ocop-mau-2019-2026.xlsx"
# Before, around and after the re-evaluation and the revocation below.
DAYS = ["31/12/2025", "07/12/2026", "31/12/2026", "01/07/2028"]

# The back office's actions, run in `ocop shell` of the release (its own code and models).
ACTIONS = """
from datetime import date
from ocop.enforcement.revoking import Facts, revoke
from ocop.registry.models import Decision, Product

valid = Decision.objects.filter(revoked_on__isnull=True, decided_on__year=2024).order_by("id")
revoke(valid[0], Facts(number="15/QĐ-UBND", revoked_on=date(2026, 9, 15),
       issuer="UBND tỉnh Lai Châu", ground="quality", detail="Không duy trì chất lượng"),
       user=None, today=date(2026, 12, 7))
old = Decision.objects.filter(decided_on__year=2022, revoked_on__isnull=True).order_by("id")[0]
Decision.objects.create(product=old.product, stars=4, number="88/QĐ-UBND",
                        decided_on=date(2026, 11, 20), issuer="UBND tỉnh Lai Châu")
product = Product.objects.order_by("id")[0]
product.description = "Đóng gói 200 g, hộp giấy."
product.save()
"""


def run(*args, **kwargs) -> str:
    done = subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)
    return done.stdout


def main(release: str, postgres: str | None) -> None:
    commit = run("git", "-C", str(ROOT), "rev-parse", "--short", f"{release}^{{commit}}").strip()
    with tempfile.TemporaryDirectory(prefix="ocop-upgrade-") as work:
        tree = Path(work) / "release"
        run("git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit)
        try:
            install(tree)
            data = Path(work) / "data"
            figures = {"sqlite": make(tree, data, f"sqlite:///{data / 'ocop.sqlite3'}")}
            save_sqlite(data / "ocop.sqlite3", release)
            if postgres:
                with new_database(postgres) as url:
                    figures["postgresql"] = make(tree, Path(work) / "data-pg", url)
                    save_postgres(url, release)
            save_figures(release, commit, figures)
        finally:
            run("git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree))


def install(tree: Path) -> None:
    venv = tree / ".venv"
    run(sys.executable, "-m", "venv", str(venv))
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    run(*pip, "-c", str(tree / "requirements.lock"), "-e", str(tree))


@contextmanager
def new_database(server_url: str):
    import psycopg

    parts = urlsplit(server_url)
    name = parts.path.strip("/") + "_upgrade"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}"')


def make(tree: Path, data: Path, url: str) -> dict:
    venv = tree / ".venv"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "OCOP_DATA_DIR": str(data),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("DATABASE_OWNER_URL", None)

    def ocop(*args) -> str:
        return run(str(venv / "bin" / "ocop"), *args, cwd=tree, env=env)

    ocop("migrate", "--no-input")
    ocop("import", SAMPLE)
    ocop("shell", "--no-imports", "-c", ACTIONS)
    return {
        day: json.loads(ocop("summary", "--as-of", day, "--json", "--breakdowns")) for day in DAYS
    }


def save_sqlite(database: Path, release: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    compact = database.with_name("compact.sqlite3")
    with closing(sqlite3.connect(database)) as connection:  # one file: WAL folded in, no gaps
        connection.execute(f"VACUUM INTO '{compact}'")
    target = OUT / f"ocop-{release}.sqlite3.gz"
    with compact.open("rb") as source, gzip.GzipFile(target, "wb", mtime=0) as out:
        shutil.copyfileobj(source, out)
    print(f"{target} ({target.stat().st_size} bytes)")


def save_postgres(url: str, release: str) -> None:
    # Custom format, compressed; no owner or grants: restored under whatever role runs the test.
    target = OUT / f"ocop-{release}.pgdump"
    run("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", url)
    print(f"{target} ({target.stat().st_size} bytes)")


def save_figures(release: str, commit: str, figures: dict) -> None:
    made = {"release": release, "commit": commit, "days": DAYS, "figures": figures}
    text = json.dumps(made, ensure_ascii=False, indent=1)
    (OUT / f"figures-{release}.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "v2026.12.0", (sys.argv[2:] or [None])[0])
