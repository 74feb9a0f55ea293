"""A real `ocop import --dry-run` in a child process whose memory is capped, on a SQLite file
of its own, and the refusal it must end in: shared by the tests of crafted and hostile files
(tests/test_import_crafted.py, tests/test_import_hostile.py)."""

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

MEMORY_CAP = 1536 * 1024 * 1024  # a regression fails the test instead of felling the machine


def migrated(folder: Path) -> Path:
    path = folder / "ocop.sqlite3"
    assert ocop(path, "migrate", "--no-input").returncode == 0
    return path


def ocop(database: Path, *args) -> subprocess.CompletedProcess:
    def cap_memory():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    command = [sys.executable, "-c", "from ocop.cli import main; main()", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300,
                          preexec_fn=cap_memory)  # fmt: skip


def refusals(database: Path, name: str) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        query = "SELECT status, errors_count FROM imports_importrun WHERE file_name = ?"
        return connection.execute(query, [name]).fetchall()


def assert_refused(database: Path, path: Path, message: str) -> str:
    """The file is refused with `message`, in Vietnamese and without a traceback, and one
    import record says so. Returns what the command printed."""
    result = ocop(database, "import", "--dry-run", str(path))
    assert result.returncode == 1, result.stderr[-2000:]
    assert message in result.stdout, result.stdout[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert refusals(database, path.name) == [("refused", 1)]
    return result.stdout
