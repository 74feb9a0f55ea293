"""Every e-mail the registry sends, and its log (ocop.notices.models.Notice). Every module that
writes to producers, officers or buyers calls `send_notice`; none opens its own connection.

`send_notice` writes the Notice and queues its delivery (the `deliver` task, docs/tasks.md)
once the caller's transaction commits: a write that rolls back sends nothing, and no page waits
for the mail server. `deliver`, run by the worker, sends it and records when, or the server's
error; a refused message is queued again later, at most OCOP_MAIL_ATTEMPTS attempts in all.
Once a message is sent or given up, the `delivered` signal tells those who wait for that outcome
(trade: the inquiry is forwarded; reminders: a claim is released) without this app knowing
them. Their words are plain-text templates (`render_mail`)."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from ocop.notices.models import Notice

log = logging.getLogger(__name__)

# Sent once per message when its outcome is final, with notice= and sent= (False: given up).
delivered = Signal()


def render_mail(subject_template: str, body_template: str, context: dict) -> tuple[str, str]:
    """(subject, body) of a message from two plain-text templates: the subject on one line,
    the body ending with one line break. Always in LANGUAGE_CODE (Vietnamese): producers and
    officers read them, whichever page a buyer wrote from."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(subject_template, context)
        body = render_to_string(body_template, context)
    return "".join(subject.splitlines()), body.rstrip() + "\n"


def send_notice(
    kind: str,
    to: str,
    subject: str,
    body: str,
    product=None,
    related=None,
    *,
    recipient_role: str = "",
    reply_to: str = "",
) -> Notice:
    """Log `subject`/`body` to the one address `to`, queue its delivery and return the Notice.
    A server that refuses or cannot be reached never raises here: the delivery records it, so
    one bad address never stops a batch. When the queue runs tasks at once
    (OCOP_TASKS=immediate) and no transaction is open, the row returned says how it went."""
    notice = Notice(
        kind=kind,
        product=product,
        recipient=to,
        recipient_role=recipient_role,
        reply_to=reply_to,
        subject=subject[:300],
        body=body,
    )
    if related is not None:
        notice.related_type = ContentType.objects.get_for_model(related)
        notice.related_id = str(related.pk)
    notice.save()
    transaction.on_commit(lambda: _queue(notice))
    return notice


def _queue(notice: Notice) -> None:
    deliver.enqueue(notice.pk)
    # Under the immediate backend the delivery has just run: the caller sees its outcome.
    notice.refresh_from_db(fields=["sent_at", "error", "attempts", "retry_at"])


@task()
def deliver(notice_id: int) -> str:
    """Send one logged message, once: a message sent already, given up, or whose attempt
    another worker counted first is left alone (a task may be queued or run twice)."""
    notice = _claim(notice_id)
    if notice is None:
        return "skipped"
    try:
        _send(notice)
    except Exception as exc:  # SMTP, socket and TLS errors all come here
        log.warning("e-mail %r to %s not sent: %s", notice.subject, notice.recipient, exc)
        _refused(notice, f"{type(exc).__name__}: {exc}"[:2000])
        return "refused"
    notice.sent_at, notice.error, notice.retry_at = timezone.now(), "", None
    notice.save(update_fields=["sent_at", "error", "retry_at"])
    delivered.send(Notice, notice=notice, sent=True)
    return "sent"


def _claim(notice_id: int) -> Notice | None:
    notice = Notice.objects.filter(pk=notice_id, sent_at=None).first()
    if notice is None or notice.has_failed:
        return None
    counted = Notice.objects.filter(pk=notice.pk, sent_at=None, attempts=notice.attempts).update(
        attempts=F("attempts") + 1
    )
    if not counted:
        return None
    notice.attempts += 1
    return notice


def _send(notice: Notice) -> None:
    EmailMessage(
        subject=notice.subject,
        body=notice.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.recipient],
        reply_to=[notice.reply_to] if notice.reply_to else None,
    ).send(fail_silently=False)


def _refused(notice: Notice, error: str) -> None:
    """Record the error and queue the next attempt, in one transaction so that a worker never
    runs the retry before the failure is written; or give up and say so."""
    notice.error, notice.retry_at = error, next_attempt(notice.attempts)
    with transaction.atomic():
        notice.save(update_fields=["error", "retry_at"])
        if notice.retry_at is not None:
            deliver.using(run_after=notice.retry_at).enqueue(notice.pk)
    if notice.retry_at is None:
        delivered.send(Notice, notice=notice, sent=False)


def next_attempt(attempts: int) -> datetime | None:
    """When to try again after `attempts` failed ones: OCOP_MAIL_RETRY_SECONDS × 4^(n-1) later.
    None when no attempt is left, or when the queue cannot put a task off (the immediate
    backend: `ocop remind`'s next run tries its reminders again, docs/tasks.md)."""
    if attempts >= settings.OCOP_MAIL_ATTEMPTS or not deliver.get_backend().supports_defer:
        return None
    delay = settings.OCOP_MAIL_RETRY_SECONDS * 4 ** (attempts - 1)
    return timezone.now() + timedelta(seconds=delay)
