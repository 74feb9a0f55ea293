"""An upgrade from the previous release: a copy of a database that release made (the sample
list, a revocation, a re-evaluation; scripts/make_upgrade_fixture.py, tests/data/upgrade/) is
migrated by this checkout's `ocop migrate`, as an operator would, and gives the figures that
release computed, on every date; its audit log comes out chained and whole. On SQLite the copy
is the release's file; on PostgreSQL a database restored from the release's `pg_dump`."""

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.test_import_concurrent import PostgresDatabase

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "upgrade"
RELEASES = sorted(
    p.name.removeprefix("figures-").removesuffix(".json") for p in FIXTURES.glob("figures-*.json")
)


def ocop(install: tuple, *args) -> str:
    folder, url = install
    env = {k: v for k, v in os.environ.items() if k not in ("MEDIA_ROOT", "CACHE_DIR")}
    env.update(DATABASE_URL=url, OCOP_DATA_DIR=str(folder))
    env.pop("DATABASE_OWNER_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", "from ocop.cli import main; main()", *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def made_by(release: str, folder: Path):
    """The release's database, as it left it: (data folder, DATABASE_URL), and a drop."""
    if connection.vendor == "postgresql":
        prefix = settings.DATABASES["default"]["NAME"].removeprefix("test_")
        database = PostgresDatabase(f"{prefix}_upgrade").create()
        dump = FIXTURES / f"ocop-{release}.pgdump"
        restore = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        subprocess.run([*restore, f"--dbname={database.url}", str(dump)], check=True)
        return (folder, database.url), database.drop
    with (
        gzip.open(FIXTURES / f"ocop-{release}.sqlite3.gz") as packed,
        (folder / "ocop.sqlite3").open("wb") as out,
    ):
        shutil.copyfileobj(packed, out)
    return (folder, f"sqlite:///{folder / 'ocop.sqlite3'}"), lambda: None


@pytest.fixture(scope="module", params=RELEASES)
def upgraded(request, tmp_path_factory):
    release = request.param
    install, drop = made_by(release, tmp_path_factory.mktemp(release))
    before = ocop(install, "showmigrations", "--plan")
    said = ocop(install, "migrate", "--no-input")
    made = json.loads((FIXTURES / f"figures-{release}.json").read_text("utf-8"))
    yield install, made["figures"][connection.vendor], before, said
    drop()


def test_there_is_a_previous_release_to_upgrade_from():
    assert RELEASES, "make one: python3 scripts/make_upgrade_fixture.py <release tag>"


def test_migrate_brings_the_old_database_to_head(upgraded):
    install, _, before, said = upgraded
    assert "[ ]  audit.0002_chain" in before  # made before the chain existed
    assert "Applying audit.0002_chain... OK" in said
    assert "[ ]" not in ocop(install, "showmigrations", "--plan")


def test_the_figures_stay_equal_on_every_date(upgraded):
    install, made, _, _ = upgraded
    assert made["31/12/2025"]["valid_products"] > 0
    for day, figures in made.items():
        now = json.loads(ocop(install, "summary", "--as-of", day, "--json", "--breakdowns"))
        assert {key: now[key] for key in figures} == figures, day


def test_the_old_log_comes_out_chained_and_whole(upgraded):
    install, *_ = upgraded
    said = ocop(install, "audit_chain")
    assert "Chuỗi nhật ký nguyên vẹn" in said and "chưa vào chuỗi" not in said
    entries = int(said.split(": ")[1].split(" mục")[0])
    assert entries >= 4  # the import, the revocation, the decisions, the product's change
