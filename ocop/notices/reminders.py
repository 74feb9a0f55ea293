"""`ocop remind`'s work: which reminders and which weekly digest are due on a day, and sending
them exactly once. The command (management/commands/remind.py) only parses and prints.

Exactly once: each reminder is a Reminder row unique per (decision, interval, recipient),
written with its message's Notice before the message is queued; the worker's delivery tries it
again after a refusal, and a message given up after its last attempt removes its rows again
(release_claims) so that the next run tries once more. All the due reminders of one recipient
make one message."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse

from ocop.accounts.recipients import commune_officer_addresses
from ocop.domain.reminders import MIN_NOTICE_DAYS, digest_day, due_interval
from ocop.notices.expiring import Expiry, by_commune, expired, expiring
from ocop.notices.models import DigestSent, Reminder
from ocop.notices.sending import render_mail, send_notice
from ocop.registry.models import Product


@dataclass
class Message:
    """One message a run sends (or would send, in a dry run)."""

    kind: str  # "reminder" or "digest"
    recipient: str
    role: str  # Reminder.Role value, or "department"
    items: list = field(default_factory=list)  # (Expiry, interval) for reminders
    subject: str = ""
    body: str = ""
    day: date | None = None  # the digest's week
    notice: object = None
    skipped: bool = False  # another run took it meanwhile

    @property
    def sent(self) -> bool:
        return self.notice is not None and self.notice.is_sent

    @property
    def failed(self) -> bool:
        return self.notice is not None and self.notice.has_failed


def due_reminders(province, today: date, intervals: tuple[int, ...]) -> list[Message]:
    """Every reminder due on `today` and not yet sent, one Message per recipient."""
    products = Product.objects.filter(unit__province=province)
    rows = [row for row in expiring(products, today, max(intervals)) if row.decision]
    officers = commune_officers({row.unit for row in rows})
    sent = _already_sent([row.decision for row in rows])
    messages: dict[str, Message] = {}
    for row in rows:
        interval = due_interval(row.valid_until, today, intervals)
        if interval is None:
            continue
        for address, role in _recipients(row, officers):
            if (row.decision.pk, interval, address) in sent:
                continue
            message = messages.setdefault(address, Message("reminder", address, role))
            message.items.append((row, interval))
    for message in messages.values():
        message.subject, message.body = reminder_mail(message, province, today)
    return sorted(messages.values(), key=lambda m: (m.role, m.recipient))


def reminder_mail(message: Message, province, today: date) -> tuple[str, str]:
    """The words of one reminder (notices/email/reminder*.txt): to a producer, or to a commune
    officer with each producer's contacts."""
    to_producer = message.role == Reminder.Role.PRODUCER
    context = {
        "rows": [row for row, _ in message.items],
        "to_producer": to_producer,
        "to_officer": not to_producer,
        "province": province,
        "today": today,
        "min_notice_days": MIN_NOTICE_DAYS,
    }
    return render_mail("notices/email/reminder_subject.txt", "notices/email/reminder.txt", context)


def _recipients(row: Expiry, officers: dict) -> list[tuple[str, str]]:
    found = []
    if is_address(row.producer.email):
        found.append((row.producer.email.strip().lower(), Reminder.Role.PRODUCER))
    for address in officers.get(row.unit.pk, []):
        found.append((address, Reminder.Role.COMMUNE))
    return found


def commune_officers(units) -> dict[int, list[str]]:
    """Unit id -> the addresses of its active commune officers."""
    return {
        unit.pk: [a.strip().lower() for a in commune_officer_addresses(unit) if is_address(a)]
        for unit in units
    }


def is_address(text: str) -> bool:
    # Imported lists hold whatever was typed in the e-mail column ("không có", two addresses).
    try:
        validate_email((text or "").strip())
    except ValidationError:
        return False
    return True


def _already_sent(decisions) -> set:
    return set(
        Reminder.objects.filter(decision__in=decisions).values_list(
            "decision_id", "interval", "recipient"
        )
    )


def send_reminders(messages: list[Message]) -> None:
    for message in messages:
        # The claims and their Notice together: a claim never stands without its message.
        with transaction.atomic():
            claims = _claim(message)
            if claims is None:
                message.skipped = True
                continue
            only = {row.product for row, _ in message.items}
            message.notice = send_notice(
                "reminder",
                message.recipient,
                message.subject,
                message.body,
                product=only.pop() if len(only) == 1 else None,
                recipient_role=message.role,
            )
            Reminder.objects.filter(pk__in=claims).update(notice=message.notice)


def release_claims(sender, notice, sent: bool, **kwargs) -> None:
    """A reminder or digest given up after its last attempt frees its rows: the next run of
    `ocop remind` tries it again (connected to sending.delivered in NoticesConfig.ready)."""
    if sent:
        return
    if notice.kind == "reminder":
        Reminder.objects.filter(notice=notice).delete()
    elif notice.kind == "digest":
        DigestSent.objects.filter(notice=notice).delete()


def _claim(message: Message) -> list[int] | None:
    """Write the message's Reminder rows first; None when another run wrote one already."""
    try:
        with transaction.atomic():
            return [
                Reminder.objects.create(
                    decision=row.decision,
                    product=row.product,
                    interval=interval,
                    last_valid_day=row.valid_until,
                    recipient=message.recipient,
                    recipient_role=message.role,
                ).pk
                for row, interval in message.items
            ]
    except IntegrityError:
        return None


def due_digests(province, today: date, intervals, weekday: int, addresses) -> list[Message]:
    """The weekly digest, once per address per week: the week of the latest digest weekday
    on or before `today` (a missed week is caught up by the next run)."""
    day = digest_day(today, weekday)
    done = set(
        DigestSent.objects.filter(day=day, province=province).values_list("recipient", flat=True)
    )
    wanted = [a.strip().lower() for a in addresses if is_address(a)]
    todo = [a for a in dict.fromkeys(wanted) if a not in done]
    if not todo:
        return []
    products = Product.objects.filter(unit__province=province)
    soon = expiring(products, today, max(intervals))
    lately = [row for row in expired(products, today) if row.valid_until >= day - timedelta(7)]
    reminded = Reminder.objects.filter(
        product__unit__province=province, notice__sent_at__date__gte=day - timedelta(7)
    ).count()
    context = {
        "province": province,
        "today": today,
        "day": day,
        "soon": soon,
        "soon_by_commune": by_commune(soon),
        "lately": lately,
        "lately_by_commune": by_commune(lately),
        "reminded": reminded,
        "desk_address": settings.OCOP_PUBLIC_URL + reverse("notices:desk"),
    }
    subject, body = render_mail(
        "notices/email/digest_subject.txt", "notices/email/digest.txt", context
    )
    return [Message("digest", a, "department", subject=subject, body=body, day=day) for a in todo]


def send_digests(messages: list[Message], province) -> None:
    for message in messages:
        try:
            with transaction.atomic():
                claim = DigestSent.objects.create(
                    day=message.day, province=province, recipient=message.recipient
                )
                message.notice = send_notice(
                    "digest",
                    message.recipient,
                    message.subject,
                    message.body,
                    recipient_role="department",
                )
                claim.notice = message.notice
                claim.save(update_fields=["notice"])
        except IntegrityError:
            message.skipped = True


def run(province, today: date, *, intervals=None, dry_run=False) -> list[Message]:
    """Everything due on `today` for `province`: reminders, then the digest, queued for the
    worker (with OCOP_TASKS=immediate, sent before this returns). A dry run returns the same
    messages and writes and queues nothing."""
    intervals = intervals or settings.OCOP_REMINDER_DAYS
    reminders = due_reminders(province, today, intervals)
    digests = due_digests(
        province, today, intervals, settings.OCOP_DIGEST_WEEKDAY, settings.OCOP_DIGEST_TO
    )
    if not dry_run:
        send_reminders(reminders)
        send_digests(digests, province)
    return reminders + digests
