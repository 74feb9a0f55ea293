"""Who hears of a new inquiry, and what they are told: the producer (when the registry has
their e-mail) and the officers of the product's commune or ward, through the one mail log
(ocop.notices.sending). A commune without an officer with an e-mail passes it to the
department's officers instead, so that no inquiry reaches nobody."""

from contextlib import suppress

from django.urls import reverse

from ocop.accounts.models import StaffProfile
from ocop.domain.inquiries import InquiryState
from ocop.domain.roles import Role
from ocop.notices.sending import send_notice
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
    subject = f"Nhu cầu mua {inquiry.product.name} — {inquiry.reference}"
    notices = []
    producer_email = inquiry.product.producer.email
    if producer_email:
        notices.append(
            send_notice(
                KIND,
                producer_email,
                subject,
                producer_body(inquiry),
                product=inquiry.product,
                related=inquiry,
                recipient_role="producer",
            )
        )
    link = public_url(request, reverse("inquiries:detail", args=[inquiry.pk]))
    for address, role in officer_addresses(inquiry):
        # Queued is as good as told: the queue keeps trying (OCOP_MAIL_ATTEMPTS); only a message
        # given up already (the immediate backend) is said not to have reached the producer.
        told = bool(notices) and not notices[0].has_failed
        body = officer_body(inquiry, link, producer_told=told)
        notices.append(
            send_notice(
                KIND, address, subject, body,
                product=inquiry.product, related=inquiry, recipient_role=role,
            )
        )  # fmt: skip
    return notices


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


def _details(inquiry: Inquiry) -> str:
    lines = [
        f"Số tiếp nhận: {inquiry.reference}",
        f"Sản phẩm: {inquiry.product.name}",
        f"Số lượng: {inquiry.quantity_text}",
        f"Nơi nhận hàng: {inquiry.place}",
        f"Người liên hệ: {inquiry.name}"
        + (f" ({inquiry.organisation})" if inquiry.organisation else ""),
    ]
    if inquiry.phone:
        lines.append(f"Điện thoại: {inquiry.phone}")
    if inquiry.email:
        lines.append(f"Thư điện tử: {inquiry.email}")
    if inquiry.message:
        lines.append(f"Lời nhắn: {inquiry.message}")
    if inquiry.language == "en":
        lines.append("(Người mua gửi từ trang tiếng Anh.)")
    return "\n".join(lines)


def producer_body(inquiry: Inquiry) -> str:
    return (
        f"Kính gửi {inquiry.product.producer.name},\n\n"
        "Sổ đăng ký sản phẩm OCOP nhận được một nhu cầu mua sản phẩm của quý đơn vị qua "
        "trang công khai:\n\n"
        f"{_details(inquiry)}\n\n"
        "Đề nghị quý đơn vị liên hệ trực tiếp với người mua. Cán bộ xã/phường phụ trách "
        "cũng nhận được thư này và có thể hỏi lại kết quả.\n"
    )


def officer_body(inquiry: Inquiry, link: str, *, producer_told: bool) -> str:
    told = (
        "Thư đã được gửi cho chủ thể."
        if producer_told
        else "Chủ thể chưa có thư điện tử trong sổ đăng ký (hoặc thư chưa gửi được): đề nghị "
        "chuyển yêu cầu cho chủ thể."
    )
    return (
        f"Nhu cầu mua sản phẩm {inquiry.product.name} của {inquiry.product.producer.name} "
        f"({inquiry.product.unit}):\n\n"
        f"{_details(inquiry)}\n\n"
        f"{told}\n"
        f"Xem và cập nhật tình trạng xử lý: {link}\n"
    )
