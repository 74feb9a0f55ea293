"""The database as one file, and back: SQLite's online backup API (a consistent copy while the
site keeps reading and writing), PostgreSQL's `pg_dump` custom format restored by `pg_restore`.
Both copy the database whole, triggers and functions included (the audit log's append-only
guard, the registry's version and change log, the search index), which a `dumpdata` of the
models could not: the audit log refuses the deletes `loaddata` would need, and triggers are
not models."""

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connection as default_connection


class CopyFailed(Exception):
    """pg_dump or pg_restore said no: their own words, for the operator."""


def dump(path: Path, connection=default_connection) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
    elif connection.vendor == "postgresql":
        _run("pg_dump", ["--format=custom", f"--file={path}"], connection)
    else:
        raise NotImplementedError(f"no backup for {connection.vendor}")


def load(path: Path, connection=default_connection) -> None:
    """Replace everything in the database with the copy at `path`."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as source:
            source.backup(connection.connection)
    elif connection.vendor == "postgresql":
        _empty_schema(connection)
        # No owner or grants: the copy lands owned by whoever restores it, on another server
        # or under another role than the one that made it.
        options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        _run("pg_restore", [*options, str(path)], connection)
    else:
        raise NotImplementedError(f"no restore for {connection.vendor}")
    connection.close()  # the next query sees the restored database, not a cached schema


def _empty_schema(connection) -> None:
    # The dump holds every table, function and trigger; a migrated target already has them.
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")


def _run(program: str, arguments: list[str], connection) -> None:
    config = connection.settings_dict
    # Django's own reading of the settings for psql: the password and SSL options go in the
    # environment, never on the command line where `ps` shows them.
    _, env = connection.client.settings_to_cmd_args_env(config, [])
    target = ["--dbname", config["NAME"] or "postgres"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if config.get(key):
            target += [flag, str(config[key])]
    result = subprocess.run(
        [program, *target, *arguments],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CopyFailed(f"{program}: {result.stderr.strip() or result.returncode}")
