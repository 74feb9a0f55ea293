"""Two roles on PostgreSQL (scripts/postgres-roles.sql, scripts/postgres-grants.sql): the
owner migrates (DATABASE_OWNER_URL); the application's role writes the registry and adds to
the log, and can neither drop nor disable the log's triggers nor change or delete its rows."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.test_import_concurrent import PostgresDatabase

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="roles and grants are PostgreSQL's: a SQLite file has only the system's file rights",
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "ocop-mau-2019-2026.xlsx"


def as_role(url: str, role: str) -> str:
    parts = urlsplit(url)
    return parts._replace(netloc=f"{role}@{parts.hostname}:{parts.port or 5432}").geturl()


def psql(url: str, script: str, **variables) -> None:
    given = [f"--set={name}={value}" for name, value in variables.items()]
    subprocess.run(
        ["psql", "--quiet", "--no-psqlrc", *given, "--file", str(ROOT / "scripts" / script), url],
        check=True, capture_output=True, text=True,
    )  # fmt: skip


def ocop(tmp_path: Path, *args, **env) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "from ocop.cli import main; main()", *args],
        env={**os.environ, "OCOP_DATA_DIR": str(tmp_path), **env},
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def install(tmp_path_factory):
    prefix = settings.DATABASES["default"]["NAME"].removeprefix("test_")
    database = PostgresDatabase(f"{prefix}_roles").create()
    owner, app = f"{prefix}_owner", f"{prefix}_app"
    psql(database.url, "postgres-roles.sql", database=database.name,
         owner=owner, app=app)  # fmt: skip
    urls = {
        "DATABASE_URL": as_role(database.url, app),
        "DATABASE_OWNER_URL": as_role(database.url, owner),
    }
    folder = tmp_path_factory.mktemp("roles")
    ocop(folder, "migrate", "--no-input", **urls)
    psql(urls["DATABASE_OWNER_URL"], "postgres-grants.sql", app=app)
    yield folder, urls, database
    database.drop()
    with PostgresDatabase.server() as server:
        for role in (owner, app):
            server.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_the_owner_owns_every_table_and_the_app_none(install):
    _, urls, _ = install
    with psycopg.connect(urls["DATABASE_OWNER_URL"]) as owner:
        owners = owner.execute(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    assert owners == [(urlsplit(urls["DATABASE_OWNER_URL"]).username,)]


def test_the_app_role_writes_the_registry_and_the_log(install):
    folder, urls, _ = install
    app_only = {"DATABASE_URL": urls["DATABASE_URL"], "DATABASE_OWNER_URL": ""}

    said = ocop(folder, "import", str(SAMPLE), **app_only)

    assert "0 cảnh báo" in said
    assert "Chuỗi nhật ký nguyên vẹn" in ocop(folder, "audit_chain", **app_only)
    with psycopg.connect(urls["DATABASE_URL"], autocommit=True) as app:
        changed = app.execute(
            "UPDATE registry_product SET description = 'Mô tả mới'"
            " WHERE id = (SELECT min(id) FROM registry_product)"
        )
        assert changed.rowcount == 1
        assert app.execute("SELECT count(*) FROM audit_chainlink").fetchone()[0] >= 1


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        ("DROP TRIGGER audit_entry_append_only ON audit_entry", "must be owner"),
        ("ALTER TABLE audit_entry DISABLE TRIGGER ALL", "must be owner"),
        ("ALTER TABLE audit_chainlink ADD COLUMN x int", "must be owner"),
        ("DROP TABLE audit_importchange", "must be owner"),
        ("UPDATE audit_entry SET object_repr = 'giả'", "permission denied"),
        ("DELETE FROM audit_entry", "permission denied"),
        ("DELETE FROM audit_chainlink", "permission denied"),
        ("TRUNCATE audit_entry CASCADE", "permission denied"),
        ("CREATE TABLE lau (id int)", "permission denied"),
    ],
)
def test_the_app_role_cannot_touch_the_logs_guards(install, sql, refusal):
    _, urls, _ = install
    with (
        psycopg.connect(urls["DATABASE_URL"], autocommit=True) as app,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match=refusal),
    ):
        app.execute(sql)
