"""Who hears of a new inquiry, and what they are told: the producer (when the registry has
their e-mail) and the officers of the product's commune or ward, through the one mail log
(ocop.notices.sending). A commune without an officer with an e-mail passes it to the
department's officers instead, so that no inquiry reaches nobody."""

from django.urls import reverse

from ocop.accounts.models import StaffProfile
from ocop.domain.inquiries import InquiryState
from ocop.domain.roles import Role
from ocop.notices.sending import render_mail, send_notice
from ocop.shared.public_url import public_url
from ocop.trade.models import Inquiry
from ocop.trade.workflow import move

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
    """Send the inquiry to the producer and the officers; an inquiry the producer was sent is
    forwarded (a step by the system)."""
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
            )
        )
    link = public_url(request, reverse("inquiries:detail", args=[inquiry.pk]))
    for address, role in officer_addresses(inquiry):
        subject, body = officer_mail(
            inquiry, link, producer_told=bool(notices and notices[0].sent_at)
        )
        notices.append(
            send_notice(
                KIND, address, subject, body,
                product=inquiry.product, related=inquiry, recipient_role=role,
            )
        )  # fmt: skip
    if notices and notices[0].recipient_role == "producer" and notices[0].sent_at:
        move(
            inquiry,
            InquiryState.FORWARDED,
            by_name=SYSTEM,
            note=f"Đã gửi thư cho chủ thể ({producer_email}).",
        )
    return notices


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
