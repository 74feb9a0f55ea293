"""`ocop remind` against a real SMTP server on loopback (aiosmtpd, started on a free port):
the reminders arrive once per interval, with their Vietnamese subject and body intact."""

import email
import email.policy
import socket
from datetime import timedelta
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from ocop.domain.dates import format_date
from ocop.notices.models import Notice
from tests.factories import make_decision, make_producer, make_product
from tests.staff import make_staff


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, parsed))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.DEFAULT_FROM_EMAIL = "Sổ đăng ký OCOP <ocop@laichau.example.vn>"
    yield inbox
    controller.stop()


def test_reminders_reach_a_real_smtp_server_once_with_their_vietnamese_intact(
    committing_db, smtp_server
):
    make_staff("commune", email="canbo.namso@example.vn")
    producer = make_producer("Hợp tác xã Chè Nậm Sỏ", email="htx.namso@example.vn")
    decision = make_decision(make_product("Chè Shan tuyết Nậm Sỏ", producer=producer), stars=4)
    day = format_date(decision.last_valid_day - timedelta(30))
    for _ in range(3):  # a timer that fires three times the same day
        call_command("remind", "--as-of", day, stdout=StringIO(), stderr=StringIO())

    assert sorted(to[0] for to, _ in smtp_server.messages) == [
        "canbo.namso@example.vn",
        "htx.namso@example.vn",
    ]
    message = next(m for to, m in smtp_server.messages if to == ["htx.namso@example.vn"])
    # Django folds a long encoded subject right after "Subject:"; the fold's space is not part
    # of the subject (mail clients drop it), Python's parser keeps it.
    assert message["Subject"].strip() == (
        "Sản phẩm OCOP Chè Shan tuyết Nậm Sỏ hết hạn công nhận vào ngày "
        + format_date(decision.last_valid_day)
    )
    body = message.get_content()
    assert "Kính gửi Hợp tác xã Chè Nậm Sỏ," in body
    assert "còn 30 ngày" in body
    assert "Sổ đăng ký OCOP" in str(message["From"])
    assert Notice.objects.filter(sent_at__isnull=False).count() == 2
