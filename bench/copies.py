"""Copies of the national bench database for the benches that write (bench_writes.py) or whose
server may (bench_api_limit.py): the bench database itself stays as bench_summary.py made it."""

import sqlite3
from pathlib import Path
from urllib.parse import urlsplit


def copy_database(url: str, workdir: Path, suffix: str) -> str:
    """A file in `workdir`, or on PostgreSQL a database `<name>_<suffix>` made from the bench
    database as its template (a file copy on the server's side, quicker than a dump)."""
    if url.startswith("sqlite:///"):
        copy = workdir / f"{suffix}.sqlite3"
        with (
            sqlite3.connect(url.removeprefix("sqlite:///")) as source,
            sqlite3.connect(copy) as target,
        ):
            source.backup(target)
        return f"sqlite:///{copy}"
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with _server(url) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}_{suffix}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}_{suffix}" TEMPLATE "{name}"')
    return parts._replace(path=f"/{name}_{suffix}").geturl()


def drop_database(url: str) -> None:
    """A PostgreSQL copy; a SQLite one goes with its work folder."""
    if not url.startswith("sqlite:///"):
        with _server(url) as server:
            name = urlsplit(url).path.lstrip("/")
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server(url: str):
    import psycopg

    return psycopg.connect(urlsplit(url)._replace(path="/postgres").geturl(), autocommit=True)
