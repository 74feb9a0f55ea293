"""`ocop remind`: reminders before the last valid day, exactly once per interval and
recipient, a missed day caught up, one message per recipient, the weekly digest, dry runs
and --as-of. Django's locmem backend (pytest-django's default) keeps the sent messages in
mail.outbox; tests/test_remind_smtp.py sends them to a real server. The command's
transactions commit (committing_db) and tasks run at once, so each message is delivered as
its claim commits; tests/test_tasks_worker.py runs the queue with a real worker."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.domain.dates import format_date
from ocop.domain.reminders import digest_day, due_interval, parse_intervals
from ocop.notices.models import DigestSent, Notice, Reminder
from ocop.settings import envintervals
from tests.factories import make_decision, make_producer, make_product
from tests.staff import make_staff

PRODUCER_MAIL = "htx.namso@example.vn"
OFFICER_MAIL = "canbo.namso@example.vn"
DECIDED = date(2023, 3, 15)


# --- the rules, no database -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [("90,30", (90, 30)), ("30, 90", (90, 30)), ("60", (60,)), ("30,30,45", (45, 30))],
)
def test_it_reads_the_intervals_largest_first(text, expected):
    assert parse_intervals(text) == expected


@pytest.mark.parametrize("text", ["90,20", "29", "", "90,abc", "-30"])
def test_it_refuses_an_interval_below_the_laws_thirty_days_or_not_a_number(text):
    with pytest.raises(ValueError):
        parse_intervals(text)


def test_the_setting_refuses_a_reminder_later_than_thirty_days(monkeypatch):
    monkeypatch.setenv("OCOP_REMINDER_DAYS", "90,15")
    with pytest.raises(ImproperlyConfigured, match="ít nhất 30 ngày"):
        envintervals("OCOP_REMINDER_DAYS", "90,30")


END = date(2026, 3, 14)


@pytest.mark.parametrize(
    "today, expected",
    [
        (END - timedelta(91), None),  # not yet
        (END - timedelta(90), 90),  # the day itself
        (END - timedelta(85), 90),  # a missed day still sends it
        (END - timedelta(31), 90),
        (END - timedelta(30), 30),
        (END - timedelta(20), 30),  # first seen late: the nearest interval only
        (END, 30),  # the last valid day is still ahead (included)
        (END + timedelta(1), None),  # expired: too late to remind
    ],
)
def test_the_due_interval_is_the_nearest_whose_day_has_come(today, expected):
    assert due_interval(END, today, (90, 30)) == expected


@pytest.mark.parametrize(
    "today, weekday, expected",
    [
        (date(2026, 1, 5), 1, date(2026, 1, 5)),  # Monday, Monday's digest
        (date(2026, 1, 7), 1, date(2026, 1, 5)),  # Wednesday catches Monday up
        (date(2026, 1, 4), 1, date(2025, 12, 29)),  # Sunday: last Monday's week
        (date(2026, 1, 9), 5, date(2026, 1, 9)),  # Friday digests
        (date(2026, 1, 8), 5, date(2026, 1, 2)),
    ],
)
def test_the_digest_belongs_to_the_latest_weekday(today, weekday, expected):
    assert digest_day(today, weekday) == expected


# --- the command on a database ----------------------------------------------------------------


def remind(*args) -> str:
    out = StringIO()
    call_command("remind", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def on(day: date) -> list[str]:
    return ["--as-of", format_date(day)]


@pytest.fixture
def decision(committing_db):
    producer = make_producer(email=PRODUCER_MAIL, phone="0912 345 678")
    make_staff("commune", email=OFFICER_MAIL)
    return make_decision(make_product(producer=producer), decided_on=DECIDED, stars=4)


def test_it_reminds_the_producer_and_the_commune_officer_ninety_days_before(decision):
    day = decision.last_valid_day - timedelta(90)
    output = remind(*on(day))
    assert sorted(m.to[0] for m in mail.outbox) == [OFFICER_MAIL, PRODUCER_MAIL]
    to_producer = next(m for m in mail.outbox if m.to == [PRODUCER_MAIL])
    assert "Chè Shan tuyết Nậm Sỏ" in to_producer.subject
    assert format_date(decision.last_valid_day) in to_producer.subject
    assert "còn 90 ngày" in to_producer.body
    assert "đánh giá lại" in to_producer.body
    to_officer = next(m for m in mail.outbox if m.to == [OFFICER_MAIL])
    assert "0912 345 678" in to_officer.body  # the officer gets the producer's contacts
    assert "Đã gửi 2 thư." in output
    assert Reminder.objects.filter(interval=90).count() == 2
    assert Notice.objects.filter(kind="reminder", sent_at__isnull=False).count() == 2


def test_it_sends_each_interval_once_however_often_it_runs(decision):
    day = decision.last_valid_day - timedelta(90)
    remind(*on(day))
    remind(*on(day))
    remind(*on(day + timedelta(1)))
    assert len(mail.outbox) == 2
    output = remind(*on(day + timedelta(2)))
    assert "Không có thư nào cần gửi." in output
    assert len(mail.outbox) == 2


def test_a_missed_day_still_sends_and_the_next_interval_follows(decision):
    end = decision.last_valid_day
    remind(*on(end - timedelta(85)))  # the timer was off on the 90th day
    assert [r.interval for r in Reminder.objects.all()] == [90, 90]
    remind(*on(end - timedelta(29)))  # and on the 30th
    remind(*on(end - timedelta(28)))
    assert sorted(r.interval for r in Reminder.objects.all()) == [30, 30, 90, 90]
    assert len(mail.outbox) == 4


def test_nothing_is_sent_before_the_first_interval_or_after_the_end(decision):
    remind(*on(decision.last_valid_day - timedelta(91)))
    remind(*on(decision.last_valid_day + timedelta(1)))
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_many_expiries_of_one_recipient_make_one_message(decision):
    producer = decision.product.producer
    for name in ("Chè xanh Nậm Sỏ", "Chè đen Nậm Sỏ", "Chè vàng Nậm Sỏ"):
        make_decision(make_product(name, producer=producer), decided_on=DECIDED)
    remind(*on(decision.last_valid_day - timedelta(30)))
    assert sorted(m.to[0] for m in mail.outbox) == [OFFICER_MAIL, PRODUCER_MAIL]
    to_producer = next(m for m in mail.outbox if m.to == [PRODUCER_MAIL])
    assert to_producer.subject == "4 sản phẩm OCOP sắp hết hạn công nhận"
    for name in ("Chè xanh Nậm Sỏ", "Chè đen Nậm Sỏ", "Chè vàng Nậm Sỏ"):
        assert name in to_producer.body
    assert Reminder.objects.filter(recipient=PRODUCER_MAIL).count() == 4
    assert Notice.objects.filter(recipient=PRODUCER_MAIL).count() == 1


def test_a_producer_without_an_address_is_reminded_through_the_commune_only(committing_db):
    make_staff("commune", email=OFFICER_MAIL)
    producer = make_producer("Hộ kinh doanh Lò Văn A", email="không có")
    found = make_decision(make_product("Mật ong Nậm Sỏ", producer=producer), decided_on=DECIDED)
    remind(*on(found.last_valid_day - timedelta(30)))
    assert [m.to for m in mail.outbox] == [[OFFICER_MAIL]]


def test_renewed_or_revoked_recognitions_are_not_reminded(decision):
    end = decision.last_valid_day
    renewed = make_decision(decision.product, decided_on=end - timedelta(60), stars=4)
    revoked_product = make_product("Gạo Nậm Sỏ", producer=decision.product.producer)
    make_decision(revoked_product, decided_on=DECIDED, revoked_on=date(2024, 1, 2))
    remind(*on(end - timedelta(30)))
    assert mail.outbox == []
    assert renewed.last_valid_day > end


def test_a_dry_run_lists_the_messages_and_writes_nothing(decision):
    output = remind(*on(decision.last_valid_day - timedelta(30)), "--dry-run")
    assert "chạy thử" in output
    assert f"{PRODUCER_MAIL} (chủ thể)" in output
    assert "nhắc trước 30 ngày" in output
    assert "sẽ gửi" in output
    assert mail.outbox == []
    assert not Notice.objects.exists() and not Reminder.objects.exists()


def test_it_refuses_an_interval_below_thirty_days_in_the_settings(decision, settings):
    settings.OCOP_REMINDER_DAYS = "60,14"
    with pytest.raises(CommandError, match="ít nhất 30 ngày"):
        remind()
    assert mail.outbox == []


def test_as_of_takes_both_day_forms(decision):
    day = decision.last_valid_day - timedelta(30)
    remind("--as-of", day.isoformat())
    assert len(mail.outbox) == 2


def test_a_refused_message_is_logged_and_tried_again_on_the_next_run(decision, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    day = decision.last_valid_day - timedelta(30)
    with pytest.raises(CommandError, match="không gửi được"):
        remind(*on(day))
    failed = Notice.objects.filter(sent_at__isnull=True)
    assert failed.count() == 2 and all(n.error for n in failed)
    assert not Reminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    remind(*on(day))
    assert len(mail.outbox) == 2
    assert Reminder.objects.count() == 2


# --- the weekly digest ------------------------------------------------------------------------

DEPARTMENT = ["so.nn@example.vn", "ocop@example.vn"]
MONDAY = date(2025, 12, 29)


@pytest.fixture
def digest_settings(settings, committing_db):
    settings.OCOP_DIGEST_TO = DEPARTMENT
    settings.OCOP_DIGEST_WEEKDAY = 1
    return settings


def digests():
    return [m for m in mail.outbox if "Tổng hợp" in m.subject]


def test_the_department_gets_one_digest_a_week(db, digest_settings):
    producer = make_producer(email=PRODUCER_MAIL)
    for i in range(5):  # five expiries on one day: one digest, not five
        make_decision(make_product(f"Sản phẩm {i}", producer=producer), decided_on=DECIDED)
    remind(*on(MONDAY))
    remind(*on(MONDAY))
    remind(*on(MONDAY + timedelta(3)))
    sent = digests()
    assert sorted(m.to[0] for m in sent) == sorted(DEPARTMENT)
    assert "Sắp hết hạn (5 sản phẩm)" in sent[0].body
    assert "Nậm Sỏ (5)" in sent[0].body
    remind(*on(MONDAY + timedelta(7)))
    assert len(digests()) == 4
    assert DigestSent.objects.count() == 4


def test_a_missed_digest_day_is_caught_up_once(db, digest_settings):
    remind(*on(MONDAY - timedelta(1)))  # Sunday: the week before's digest
    remind(*on(MONDAY + timedelta(2)))  # Monday's run missed: Wednesday sends it
    remind(*on(MONDAY + timedelta(3)))
    assert [d.day for d in DigestSent.objects.order_by("day", "recipient")] == [
        MONDAY - timedelta(7),
        MONDAY - timedelta(7),
        MONDAY,
        MONDAY,
    ]
    assert len(digests()) == 4


def test_no_digest_without_addresses(decision, settings):
    settings.OCOP_DIGEST_TO = []
    remind(*on(MONDAY))
    assert digests() == []


def test_a_reminder_writes_places_and_names_as_the_lists_do(committing_db):
    # Issue 19: the same printed names and addresses as the appendices.
    producer = make_producer(
        "htx chè nậm sỏ",
        email=PRODUCER_MAIL,
        address="bản hon, xã nậm sỏ, huyện tân uyên",
    )
    make_staff("commune", email=OFFICER_MAIL)
    decision = make_decision(make_product("chè shan tuyết nậm sỏ", producer), DECIDED, 4)
    remind(*on(decision.last_valid_day - timedelta(90)))
    to_producer = next(m for m in mail.outbox if m.to == [PRODUCER_MAIL])
    to_officer = next(m for m in mail.outbox if m.to == [OFFICER_MAIL])
    assert "Chè shan tuyết Nậm Sỏ" in to_producer.subject
    assert to_producer.body.startswith("Kính gửi Hợp tác xã Chè Nậm Sỏ,")
    assert "Bản Hon, xã Nậm Sỏ, huyện Tân Uyên (nay là xã Nậm Sỏ)" in to_officer.body
