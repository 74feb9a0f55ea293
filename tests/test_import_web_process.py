"""An import from the browser outlives its browser and its web server: the steps are tasks of
the queue, which the worker (`ocop worker`, a process beside the server) runs in processes of
their own (`ocop run_import_job`). A real `ocop runserver` on a database of its own (SQLite
file, or PostgreSQL in that pass of CI) takes the upload and is killed at once; the worker
finishes the check anyway; another server takes the confirmation and is killed too; the
worker finishes the write; a third server shows the result. While another import holds the
write lock, the confirmation is refused with the Vietnamese message, as on the command line."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings

from tests.test_import_concurrent import ENGINE, PostgresDatabase, SqliteFile, finish
from tests.test_import_sample import EXPECTED, SAMPLE

MAKE_OFFICER = (
    "from tests.staff import make_staff, PASSWORD; "
    "make_staff('officer', username='can-bo-nhap', password='mat-khau-nhap-2025')"
)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    if ENGINE == "django.db.backends.postgresql":
        name = settings.DATABASES["default"]["NAME"].removeprefix("test_")
        database = PostgresDatabase(f"test_{name}_web").create()
    else:
        database = SqliteFile(tmp_path_factory.mktemp("web") / "ocop.sqlite3")
    finish(database, "migrate", "--no-input")
    finish(database, "shell", "-c", MAKE_OFFICER)
    yield database
    database.drop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server(database, data_dir, **env):
    """`ocop runserver` on its own database and data folder; killed (SIGKILL) on leaving."""
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": database.url, "OCOP_DATA_DIR": str(data_dir),
                   "PYTHONUNBUFFERED": "1", **env}  # fmt: skip
    command = [sys.executable, "-c", "from ocop.cli import main; main()", "runserver",
               f"127.0.0.1:{port}", "--noreload"]  # fmt: skip
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        yield Browser(f"http://127.0.0.1:{port}")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


@contextmanager
def worker(database, data_dir, **env):
    """`ocop worker` on the same database and data folder; stopped (SIGTERM) on leaving."""
    environment = {**os.environ, "DATABASE_URL": database.url, "OCOP_DATA_DIR": str(data_dir),
                   "PYTHONUNBUFFERED": "1", **env}  # fmt: skip
    command = [sys.executable, "-c", "from ocop.cli import main; main()", "worker",
               "--interval", "0.2", "--no-startup-delay"]  # fmt: skip
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Browser:
    """Just enough of a browser: cookies, the CSRF token, forms and a multipart upload."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.geturl(), response.read().decode()

    def token(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def post(self, path: str, fields: dict, files=()) -> tuple[str, str]:
        fields = {**fields, "csrfmiddlewaretoken": self.token()}
        if files:
            body, kind = multipart(fields, files)
        else:
            body, kind = (
                urllib.parse.urlencode(fields).encode(),
                "application/x-www-form-urlencoded",
            )
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Content-Type": kind, "Referer": self.base}
        )
        with self.opener.open(request, timeout=120) as response:
            return response.geturl(), response.read().decode()

    def sign_in(self) -> None:
        self.get("/lam-viec/dang-nhap/")
        url, _ = self.post("/lam-viec/dang-nhap/", {"username": "can-bo-nhap",
                                                   "password": "mat-khau-nhap-2025"})  # fmt: skip
        assert not url.endswith("/dang-nhap/"), "sign-in refused"


def multipart(fields: dict, files) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())  # fmt: skip
    for name, path in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{path.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + path.read_bytes()
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def wait_for(database, job_id: int, states: set[str]) -> str:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        (state,) = database.query(f"SELECT state FROM imports_importjob WHERE id = {job_id}")[0]
        if state in states:
            return state
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} still {state}")


def decisions(database) -> int:
    return database.query("SELECT COUNT(*) FROM registry_decision")[0][0]


def test_an_import_goes_on_when_the_browser_and_the_server_are_gone(database, tmp_path):
    with worker(database, tmp_path):
        with server(database, tmp_path) as browser:
            browser.sign_in()
            url, _ = browser.post("/lam-viec/nhap/", {}, files=[("files", SAMPLE)])
        # The server was killed as soon as it answered: the worker goes on with the check.
        job_id = int(re.search(r"/lam-viec/nhap/(\d+)/", url).group(1))
        assert wait_for(database, job_id, {"checked", "refused", "failed"}) == "checked"
    assert decisions(database) == 0

    if ENGINE == "django.db.backends.postgresql":
        # Only PostgreSQL: SQLite's held write lock would stop the server's own writes too.
        confirm_while_another_import_writes(database, tmp_path, job_id)

    with worker(database, tmp_path):
        with server(database, tmp_path) as browser:
            browser.sign_in()
            browser.post(f"/lam-viec/nhap/{job_id}/xac-nhan/", {})
        assert wait_for(database, job_id, {"applied", "refused", "failed"}) == "applied"
    assert decisions(database) == EXPECTED["rows"]

    with server(database, tmp_path) as browser:
        browser.sign_in()
        _, page = browser.get(f"/lam-viec/nhap/{job_id}/")
        assert "Đã ghi vào sổ đăng ký" in page
        _, listing = browser.get("/lam-viec/nhap/")
        assert SAMPLE.name in listing and "đã ghi vào sổ" in listing
    runs = database.query(
        f"SELECT dry_run, status FROM imports_importrun WHERE job_id = {job_id} ORDER BY id"
    )
    expected = ["dry_run", "applied"]
    if ENGINE == "django.db.backends.postgresql":
        expected = ["dry_run", "refused", *expected]
    assert [status for _, status in runs] == expected


def confirm_while_another_import_writes(database, data_dir, job_id: int) -> None:
    # The write waits for the lock in the worker's process: the worker's wait is short.
    with worker(database, data_dir, OCOP_IMPORT_LOCK_WAIT="1"):
        with database.held(), server(database, data_dir) as browser:
            browser.sign_in()
            browser.post(f"/lam-viec/nhap/{job_id}/xac-nhan/", {})
            assert wait_for(database, job_id, {"applied", "refused", "failed"}) == "refused"
            _, page = browser.get(f"/lam-viec/nhap/{job_id}/")
            assert "đang có lần nhập khác ghi vào sổ đăng ký" in page
            browser.post(f"/lam-viec/nhap/{job_id}/kiem-tra-lai/", {})
        assert wait_for(database, job_id, {"checked", "refused", "failed"}) == "checked"
