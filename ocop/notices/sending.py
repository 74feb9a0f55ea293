"""Send one e-mail and log it (ocop.notices.models.Notice). Every module that writes to
producers, officers or buyers calls `send_notice`; none opens its own connection. Their words
are plain-text templates (`render_mail`)."""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ocop.notices.models import Notice

log = logging.getLogger(__name__)


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
    connection=None,
) -> Notice:
    """Send `subject`/`body` to the one address `to` and return its Notice row. A server that
    refuses or cannot be reached does not raise: the row keeps the error and `sent_at` stays
    empty, so one bad address never stops a batch. `connection` lets a batch reuse one SMTP
    session."""
    notice = Notice(
        kind=kind,
        product=product,
        recipient=to,
        recipient_role=recipient_role,
        subject=subject[:300],
        body=body,
    )
    if related is not None:
        notice.related_type = ContentType.objects.get_for_model(related)
        notice.related_id = str(related.pk)
    message = EmailMessage(
        subject=notice.subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        connection=connection or get_connection(),
    )
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # SMTP, socket and TLS errors all come here
        log.warning("e-mail %r to %s not sent: %s", subject, to, exc)
        notice.error = f"{type(exc).__name__}: {exc}"[:2000]
    else:
        notice.sent_at = timezone.now()
    notice.save()
    return notice
