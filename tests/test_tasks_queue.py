"""The task queue with its database backend (OCOP_TASKS=database, as in production), its
worker's loop run here in the test's process: e-mails queued on commit and nothing for a write
rolled back, a refused one tried again later with its attempts and error in the log, then
given up and its reminder freed; an inquiry forwarded once its producer's mail is delivered;
an import step waiting in the queue; today's whole registry as XLSX built once by a task.
tests/test_tasks_worker.py runs the real `ocop worker` beside a real server."""

import io
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from ocop.domain.dates import format_date
from ocop.domain.inquiries import InquiryState
from ocop.imports import jobs
from ocop.imports.models import ImportJob
from ocop.notices.models import Notice, Reminder
from ocop.notices.sending import send_notice
from ocop.opendata import national
from ocop.registry.models import Province
from ocop.registry.summary import summarize
from ocop.trade.models import Inquiry
from tests.factories import make_decision, make_producer, make_product
from tests.staff import make_staff
from tests.test_trade_inquiries import FORM

REFUSING = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": 9}  # fmt: skip  # nothing listens there
ACCEPTING = {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}


@pytest.fixture(autouse=True)
def database_queue(settings, committing_db, tmp_path):
    """Tasks wait in the database until the worker's loop runs them (run_queue)."""
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}
    settings.DATA_DIR = tmp_path
    settings.OCOP_MAIL_ATTEMPTS, settings.OCOP_MAIL_RETRY_SECONDS = 3, 60


def run_queue() -> None:
    """What `ocop worker --batch` does: every task whose time has come, then stop."""
    Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test", excluded_queue_names=[],
    ).run()  # fmt: skip


def waiting() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(status="READY").order_by("run_after"))


def come_due() -> None:
    """The clock reaches every queued retry."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def use(settings, values: dict) -> None:
    for name, value in values.items():
        setattr(settings, name, value)


def queue_one(**fields) -> Notice:
    return send_notice("test", "htx.namso@example.vn", "Thư thử", "Nội dung", **fields)


# E-mails.


def test_a_message_is_queued_on_commit_and_sent_by_the_worker(settings):
    use(settings, ACCEPTING)
    notice = queue_one()
    assert notice.state == "đang chờ gửi" and notice.attempts == 0
    assert len(waiting()) == 1 and mail.outbox == []
    run_queue()
    notice.refresh_from_db()
    assert notice.is_sent and notice.attempts == 1 and notice.state == "đã gửi"
    assert [m.to for m in mail.outbox] == [["htx.namso@example.vn"]]
    run_queue()  # nothing left: sent once
    assert len(mail.outbox) == 1


def test_a_write_rolled_back_queues_and_sends_nothing(settings):
    use(settings, ACCEPTING)
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_one()
        raise RuntimeError("the write fails after the message was logged")
    assert not Notice.objects.exists() and not DBTaskResult.objects.exists()
    run_queue()
    assert mail.outbox == []


def test_a_refused_message_is_tried_again_later_with_its_attempts_and_error(settings):
    use(settings, REFUSING)
    notice = queue_one()
    run_queue()
    notice.refresh_from_db()
    assert notice.attempts == 1 and not notice.is_sent and "Connection" in notice.error
    (retry,) = waiting()
    assert notice.retry_at == retry.run_after
    assert timedelta(seconds=30) < notice.retry_at - timezone.now() <= timedelta(seconds=60)
    assert f"lỗi sau 1 lần thử, sẽ thử lại lúc {timezone.localtime(notice.retry_at):%H:%M}" in (
        notice.state
    )
    run_queue()  # not due yet
    notice.refresh_from_db()
    assert notice.attempts == 1

    come_due()
    run_queue()
    notice.refresh_from_db()
    (second,) = waiting()  # backoff: four times longer after the second failure
    assert notice.attempts == 2
    assert timedelta(seconds=200) < second.run_after - timezone.now() <= timedelta(seconds=240)

    use(settings, ACCEPTING)  # the server is back
    come_due()
    run_queue()
    notice.refresh_from_db()
    assert notice.is_sent and notice.attempts == 3 and notice.error == ""
    assert notice.state == "đã gửi (lần thử thứ 3)"
    assert len(mail.outbox) == 1 and not waiting()


def test_after_the_last_attempt_it_is_given_up_and_shown_failed(settings):
    use(settings, REFUSING)
    notice = queue_one()
    for _ in range(settings.OCOP_MAIL_ATTEMPTS):
        come_due()
        run_queue()
    notice.refresh_from_db()
    assert notice.has_failed and notice.attempts == 3 and notice.retry_at is None
    assert notice.state == "lỗi, đã thử 3 lần" and not waiting()


def test_the_mail_log_in_the_admin_shows_attempts_and_the_error(settings, client):
    use(settings, REFUSING)
    notice = queue_one(product=make_product())  # the admin lists its province's messages
    run_queue()
    client.force_login(make_staff("admin"))
    listing = client.get("/admin/notices/notice/").content.decode()
    assert "lỗi sau 1 lần thử, sẽ thử lại lúc" in listing
    page = client.get(f"/admin/notices/notice/{notice.pk}/change/").content.decode()
    assert "số lần thử" in page.lower() and "ConnectionRefusedError" in page


# Who waits for a delivery.


def test_an_inquiry_is_forwarded_once_the_producers_mail_is_delivered(settings, client):
    use(settings, ACCEPTING)
    producer = make_producer(email="htx.namso@example.vn")
    product = make_decision(make_product(producer=producer), date(2024, 5, 4)).product
    make_staff("commune", email="canbo.namso@example.vn")
    assert client.post(f"/hoi-mua/{product.pk}/", FORM).status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.state == InquiryState.NEW and mail.outbox == []
    run_queue()
    inquiry.refresh_from_db()
    assert inquiry.state == InquiryState.FORWARDED
    assert sorted(m.to[0] for m in mail.outbox) == [
        "canbo.namso@example.vn",
        "htx.namso@example.vn",
    ]


def remind(day) -> str:
    out = StringIO()
    call_command("remind", "--as-of", format_date(day), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_reminder_is_queued_once_and_freed_only_after_its_last_attempt(settings):
    use(settings, REFUSING)
    producer = make_producer(email="htx.namso@example.vn")
    decision = make_decision(make_product(producer=producer), decided_on=date(2023, 3, 15))
    day = decision.last_valid_day - timedelta(30)
    output = remind(day)
    assert "đang chờ gửi" in output and "Đã gửi 0 thư, 1 thư đang chờ gửi" in output
    assert "Không có thư nào cần gửi." in remind(day)  # queued is claimed: never twice
    for attempt in range(1, settings.OCOP_MAIL_ATTEMPTS + 1):
        come_due()
        run_queue()
        # The claim stands while attempts are left, so no run queues it a second time.
        assert Reminder.objects.exists() is (attempt < settings.OCOP_MAIL_ATTEMPTS)
    assert Notice.objects.get().has_failed
    use(settings, ACCEPTING)
    assert "1 thư đang chờ gửi" in remind(day)  # freed: the next run tries again
    run_queue()
    assert [m.to for m in mail.outbox] == [["htx.namso@example.vn"]]
    assert Reminder.objects.get().notice.is_sent


# Browser imports.


def test_an_import_step_waiting_in_the_queue_is_not_failed_and_a_lost_one_is(client):
    officer = make_staff("officer")
    client.force_login(officer)
    job = ImportJob.objects.create(
        owner=officer, province=Province.objects.get(code="12"), state="queued",
        files=[{"name": "ds.xlsx", "stored": "1.xlsx", "sha256": "0" * 64, "size": 1}],
    )  # fmt: skip
    jobs.start(job)
    long_ago = timezone.now() - timedelta(seconds=jobs.START_GRACE_SECONDS * 10)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=long_ago)
    status = client.get(f"/lam-viec/nhap/{job.pk}/trang-thai.json").json()
    assert (status["state"], status["running"]) == ("queued", True)
    DBTaskResult.objects.all().delete()  # the queue lost it
    status = client.get(f"/lam-viec/nhap/{job.pk}/trang-thai.json").json()
    assert (status["state"], status["running"]) == ("failed", False)


# Today's whole registry as XLSX.


def test_todays_workbook_is_prepared_once_by_a_task_then_served(client):
    make_decision(make_product(), decided_on=date(2024, 5, 4), stars=4)
    first = client.get("/du-lieu/so-dang-ky.xlsx")
    again = client.get("/du-lieu/so-dang-ky.xlsx")
    for response in (first, again):
        assert response.status_code == 503 and response["Retry-After"] == "30"
        assert response["Cache-Control"] == "no-store"
        assert "đang được chuẩn bị" in response.content.decode()
    assert len(waiting()) == 1  # queued once

    run_queue()
    served = client.get("/du-lieu/so-dang-ky.xlsx")
    assert served.status_code == 200 and "max-age=300" in served["Cache-Control"]
    assert (
        f'filename="so-dang-ky-ocop-{timezone.localdate()}.xlsx"' in (served["Content-Disposition"])
    )
    sheet = load_workbook(io.BytesIO(b"".join(served.streaming_content))).active
    assert sheet["A1"].value == f"DANH SÁCH SẢN PHẨM OCOP NGÀY {format_date(timezone.localdate())}"
    summary = summarize(timezone.localdate())
    assert sheet.max_row - 3 == summary.valid_products + summary.expired_products
    assert client.get("/du-lieu/so-dang-ky.xlsx").status_code == 200 and not waiting()

    make_decision(make_product("Gạo Nậm Sỏ"), decided_on=date(2024, 6, 1))  # a new version
    assert client.get("/du-lieu/so-dang-ky.xlsx").status_code == 503
    run_queue()
    assert client.get("/du-lieu/so-dang-ky.xlsx").status_code == 200
    assert len(list(national.folder().glob("*.xlsx"))) == 1  # the old version's file is gone


def test_a_workbook_for_another_day_or_status_is_written_at_once(client):
    make_decision(make_product(), decided_on=date(2024, 5, 4))
    assert client.get("/du-lieu/so-dang-ky.xlsx", {"ngay": "31/12/2025"}).status_code == 200
    assert client.get("/du-lieu/so-dang-ky.xlsx", {"tinh_trang": "het-han"}).status_code == 200
    assert not waiting()


def test_a_build_is_not_kept_when_the_registry_changed_while_it_was_written(monkeypatch):
    make_decision(make_product(), decided_on=date(2024, 5, 4))
    versions = iter(["before", "after"])
    monkeypatch.setattr(national, "token", lambda connection=None: next(versions))
    assert national.build.call(timezone.localdate().isoformat(), "http://x") == "changed"
    assert not list(national.folder().glob("*.xlsx"))
