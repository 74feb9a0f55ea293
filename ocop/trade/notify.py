"""Who hears of a new inquiry, and what they are told: the producer (when the registry has
their e-mail) and the officers of the product's commune or ward, through the one mail log
(ocop.notices.sending). A commune without an officer with an e-mail passes it to the
department's officers instead, so that no inquiry reaches nobody."""

from contextlib import suppress

from django.urls import reverse

from ocop.accounts.models import StaffProfile
from ocop.domain.inquiries import InquiryState
from ocop.domain.roles import Role
from ocop.notices.models import Notice
from ocop.notices.sending import render_mail, send_notice
from ocop.shared.public_url import public_url
from ocop.trade.models import Inquiry
from ocop.trade.workflow import MoveRefused, move

KIND = "inquiry"
SYSTEM = "Hệ thống (thư tự động)"


def officer_addresses(inquiry: Inquiry) -> list[tuple[str, str]]:
    """(address, role) of the staff to tell: the commune's officers, else the department's."""
    unit = inquiry.product.unit
    active = StaffProfile.objects.filter(user__is_active=True).exclude(user__email="")
    commune = active.filter(role=Role.COMMUNE, commune=unit)
    if commune.exists():
        return [(email, "commune") for email in _emails(commune)]
    department = active.filter(role=Role.OFFICER, province_id=unit.province_id)
    return [(email, "department") for email in _emails(department)]


def _emails(profiles) -> list[str]:
    return sorted(set(profiles.values_list("user__email", flat=True)))


def notify_received(inquiry: Inquiry, request) -> list:
    """Queue the inquiry to the producer and the officers. The inquiry is forwarded (a step by
    the system) once the producer's message is delivered: forward_when_delivered."""
    notices = []
    producer_email = inquiry.product.producer.email
    if producer_email:
        subject, body = producer_mail(inquiry)
        notices.append(
            send_notice(
                KIND,
                producer_email,
                subject,
                body,
                product=inquiry.product,
                related=inquiry,
                recipient_role="producer",
                reply_to=inquiry.email,
            )
        )
    link = public_url(request, reverse("inquiries:detail", args=[inquiry.pk]))
    for address, role in officer_addresses(inquiry):
        # Queued is as good as told: the queue keeps trying (OCOP_MAIL_ATTEMPTS); only a message
        # given up already (the immediate backend) is said not to have reached the producer.
        told = bool(notices) and not notices[0].has_failed
        subject, body = officer_mail(inquiry, link, producer_told=told)
        notices.append(
            send_notice(
                KIND, address, subject, body,
                product=inquiry.product, related=inquiry, recipient_role=role,
                reply_to=inquiry.email,
            )
        )  # fmt: skip
    return notices


def told(inquiry: Inquiry) -> set[str]:
    """Who was sent the inquiry: the roles of its messages ("producer", "commune",
    "department"), so that the buyer is told only what happened."""
    messages = Notice.objects.filter(kind=KIND, related_id=str(inquiry.pk)).filter(
        related_type__app_label="trade", related_type__model="inquiry"
    )
    return set(messages.values_list("recipient_role", flat=True))


def forward_when_delivered(sender, notice, sent: bool, **kwargs) -> None:
    """The producer got the inquiry: it is forwarded, unless an officer moved it meanwhile
    (connected to ocop.notices.sending.delivered in TradeConfig.ready)."""
    if not sent or notice.kind != KIND or notice.recipient_role != "producer":
        return
    inquiry = Inquiry.objects.filter(pk=notice.related_id).first()
    if inquiry is None or inquiry.state != InquiryState.NEW:
        return
    with suppress(MoveRefused):  # an officer moved it between the read and the move
        move(
            inquiry,
            InquiryState.FORWARDED,
            by_name=SYSTEM,
            note=f"Đã gửi thư cho chủ thể ({notice.recipient}).",
        )


def producer_mail(inquiry: Inquiry) -> tuple[str, str]:
    return render_mail(
        "trade/email/inquiry_subject.txt",
        "trade/email/inquiry_to_producer.txt",
        {"inquiry": inquiry},
    )


def officer_mail(inquiry: Inquiry, link: str, *, producer_told: bool) -> tuple[str, str]:
    return render_mail(
        "trade/email/inquiry_subject.txt",
        "trade/email/inquiry_to_officer.txt",
        {"inquiry": inquiry, "link": link, "producer_told": producer_told},
    )
