"""Killing `ocop import` at any moment leaves the database as it was before or as it is after,
never between: a real process on a file SQLite database, killed with SIGKILL mid-write."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from ocop.imports.generate import write_workbook
from tests.factories import SAMPLES

ROWS = 10000
# Every table an import writes, without the times of writing, which differ between runs.
QUERIES = (
    "SELECT id, name, kind, tax_code, address, unit_id, name_key FROM registry_producer",
    "SELECT id, name, producer_id, unit_id, address, name_key FROM registry_product",
    "SELECT id, product_id, stars, number, decided_on, last_valid_day, next_decided_on, source"
    " FROM registry_decision",
    "SELECT id, file_name, sha256, status, counts FROM imports_importrun",
)

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the kill test uses its own SQLite file; it runs in the SQLite pass of CI",
)


def ocop(database: Path, *args, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-c", "from ocop.cli import main; main()", *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, **kwargs)  # fmt: skip


def finish(database: Path, *args) -> None:
    process = ocop(database, *args)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err


def state(database: Path) -> tuple:
    with sqlite3.connect(database) as connection:
        return tuple(connection.execute(f"{query} ORDER BY id").fetchall() for query in QUERIES)


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """A database holding the sample list (before), and a copy that holds it plus a big
    generated list imported to the end (after)."""
    folder = tmp_path_factory.mktemp("atomic")
    big = write_workbook(folder / "lon.xlsx", ROWS, seed=7)
    before = folder / "before.sqlite3"
    finish(before, "migrate", "--no-input")
    finish(before, "import", str(SAMPLES / "ocop-mau-2019-2026.xlsx"))
    after = folder / "after.sqlite3"
    shutil.copy(before, after)
    finish(after, "import", str(big))
    return folder, big, before, after


def wait_until_written(database: Path, size: int, process: subprocess.Popen) -> None:
    """Until the import's open transaction has put `size` bytes of pages in SQLite's
    write-ahead log (`size` 0: at once), or the process has ended."""
    log = database.with_name(database.name + "-wal")
    deadline = time.monotonic() + 300
    while process.poll() is None:
        try:
            if log.stat().st_size >= size:
                return
        except FileNotFoundError:
            pass
        assert time.monotonic() < deadline, f"no {size} bytes written in 300 s"
        time.sleep(0.01)


# Bytes of the write-ahead log at the kill (None: let it finish, which checks that the
# "after" state is recognised). The whole write is about 11 MB; waiting on the log instead
# of the clock kills it at these points on a fast machine and a slow one alike.
@pytest.mark.parametrize("written", [0, 1, 2_000_000, None])
def test_a_killed_import_leaves_the_before_or_the_after_state(databases, written):
    folder, big, before, after = databases
    victim = folder / f"victim-{written}.sqlite3"
    shutil.copy(before, victim)
    process = ocop(victim, "import", str(big))
    # Wait for the importer to say it starts writing, then for the pages it has written.
    for line in process.stderr:
        if "Đang ghi" in line:
            break
    if written is None:
        process.wait(timeout=300)
    else:
        wait_until_written(victim, written, process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert state(victim) in (state(before), state(after))
    if written is None:
        assert state(victim) == state(after) != state(before)
