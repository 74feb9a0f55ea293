"""The queue with real processes, as in production: `ocop runserver` and `ocop worker` on a
database of their own (a SQLite file, or PostgreSQL in that pass of CI), and a real SMTP
server on loopback (aiosmtpd). A buyer's inquiry is answered in under a second while the mail
server takes 10 s per message, and the worker delivers the messages after; a message the
server refuses is tried again, its attempts and error in the log, and delivered once the
server accepts. Every wait is bounded and polls its condition."""

import asyncio
import email
import email.policy
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings

from tests.test_import_concurrent import ENGINE, PostgresDatabase, SqliteFile, finish
from tests.test_import_web_process import free_port, server, worker

SLOW_SECONDS = 10
MAKE_PRODUCT = (
    "from datetime import date; "
    "from tests.factories import make_decision, make_producer, make_product; "
    "from tests.staff import make_staff; "
    "producer = make_producer(email='htx.namso@example.vn'); "
    "make_decision(make_product(producer=producer), date(2024, 5, 4), stars=4); "
    "make_staff('commune', email='canbo.namso@example.vn')"
)
FORM = {
    "quantity": "1,5", "quantity_unit": "tấn", "place": "Phường Tân Phong, tỉnh Lai Châu",
    "name": "Nguyễn Thị Hoa", "phone": "0912 345 678", "email": "hoa@example.vn",
    "message": "Cần hàng trước Tết.", "website": "",
}  # fmt: skip


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    if ENGINE == "django.db.backends.postgresql":
        name = settings.DATABASES["default"]["NAME"].removeprefix("test_")
        database = PostgresDatabase(f"test_{name}_tasks").create()
    else:
        database = SqliteFile(tmp_path_factory.mktemp("tasks") / "ocop.sqlite3")
    finish(database, "migrate", "--no-input")
    finish(database, "shell", "-c", MAKE_PRODUCT)
    yield database
    database.drop()


class Inbox:
    """An SMTP server's handler: takes `delay` seconds per message, or refuses while told to."""

    def __init__(self, delay: float = 0):
        self.delay, self.refusing, self.refused = delay, False, 0
        self.messages: list[tuple[float, list[str], email.message.EmailMessage]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refusing:
            with self.lock:
                self.refused += 1
            return "451 4.3.0 Hệ thống thư đang bận, thử lại sau"
        await asyncio.sleep(self.delay)
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((time.monotonic(), envelope.rcpt_tos, parsed))
        return "250 OK"


@pytest.fixture
def smtp():
    """A loopback SMTP server; the environment that points the server and worker at it."""
    servers = []

    def start(inbox: Inbox) -> dict:
        controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
        controller.start()
        servers.append(controller)
        return {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(controller.port)}  # fmt: skip

    yield start
    for controller in servers:
        controller.stop()


def poll(condition, seconds: float, what: str):
    """`condition()`'s first true value within `seconds`, asked every 0.2 s."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_without_following(browser, path: str, fields: dict):
    """The POST's own answer (a redirect), timed without the page it redirects to."""
    body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": browser.token()}).encode()
    request = urllib.request.Request(browser.base + path, data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Referer": browser.base})  # fmt: skip
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(browser.cookies), NoRedirect
    )
    try:
        return opener.open(request, timeout=60)
    except urllib.error.HTTPError as answer:  # urllib raises for the 302 it did not follow
        return answer


def one(database, sql: str):
    return database.query(sql)[0][0]


def test_the_inquiry_page_answers_at_once_while_the_mail_server_takes_ten_seconds(
    database, tmp_path, smtp
):
    inbox = Inbox(delay=SLOW_SECONDS)
    mail = smtp(inbox)
    product = one(database, "SELECT MAX(id) FROM registry_product")
    with server(database, tmp_path, **mail) as browser, worker(database, tmp_path, **mail):
        browser.get(f"/hoi-mua/{product}/")  # the form, and its CSRF cookie
        started = time.monotonic()
        answer = post_without_following(browser, f"/hoi-mua/{product}/", FORM)
        answered = time.monotonic() - started
        print(f"inquiry POST answered in {answered:.3f} s with a {SLOW_SECONDS} s SMTP server")
        assert answer.status == 302 and "/da-nhan/" in answer.headers["Location"]
        assert answered < 1.0
        _, thanks = browser.get(answer.headers["Location"])
        assert "Đã nhận nhu cầu mua" in thanks
        queued = database.query("SELECT recipient, sent_at FROM notices_notice")
        assert len(queued) == 2  # logged before they are sent
        # The worker sends them one after the other, each taking the server's ten seconds.
        poll(lambda: len(inbox.messages) == 2, 4 * SLOW_SECONDS + 60, "both messages delivered")
        poll(
            lambda: one(database, "SELECT state FROM trade_inquiry") == "forwarded",
            30,
            "the inquiry forwarded once the producer's message was delivered",
        )
    first_delivered = min(at for at, _, _ in inbox.messages)
    assert first_delivered - started >= SLOW_SECONDS
    assert sorted(to[0] for _, to, _ in inbox.messages) == [
        "canbo.namso@example.vn",
        "htx.namso@example.vn",
    ]
    sent = database.query("SELECT attempts, error FROM notices_notice WHERE sent_at IS NOT NULL")
    assert sorted(sent) == [(1, ""), (1, "")]


def test_a_refused_message_is_tried_again_and_delivered_once_the_server_accepts(
    database, tmp_path, smtp
):
    inbox = Inbox()
    inbox.refusing = True
    mail = smtp(inbox)
    queue = (
        "from ocop.notices.sending import send_notice; "
        "send_notice('test', 'so.nn@example.vn', 'Thư thử gửi lại', 'Nội dung thư')"
    )
    with worker(database, tmp_path, OCOP_MAIL_RETRY_SECONDS="1", **mail):
        finish(database, "shell", "-c", queue)
        pk = one(database, "SELECT MAX(id) FROM notices_notice")
        row = f"SELECT attempts, error, sent_at, retry_at FROM notices_notice WHERE id = {pk}"
        attempts, error, sent_at, retry_at = poll(
            lambda: next((r for r in database.query(row) if r[0] >= 1 and r[1]), None),
            60,
            "the refusal recorded",
        )
        assert sent_at is None and retry_at is not None
        assert "451" in error and "SMTP" in error
        inbox.refusing = False
        attempts, error, sent_at, retry_at = poll(
            lambda: next((r for r in database.query(row) if r[2]), None),
            90,
            "the message delivered after the server came back",
        )
    assert attempts == inbox.refused + 1 >= 2
    assert error == "" and retry_at is None
    ((_, to, message),) = inbox.messages
    assert to == ["so.nn@example.vn"] and message["Subject"] == "Thư thử gửi lại"
    assert re.search(r"Nội dung thư", message.get_content())
