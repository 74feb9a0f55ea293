"""The words of the reminders and of the weekly digest, in Vietnamese, dates dd/mm/yyyy."""

from datetime import date

from django.conf import settings
from django.urls import reverse

from ocop.domain.dates import format_date
from ocop.domain.reminders import MIN_NOTICE_DAYS
from ocop.notices.expiring import by_commune

SIGNATURE = (
    "\n\n--\nThư này do Sổ đăng ký OCOP gửi tự động; xin đừng trả lời thư này. "
    "Mọi thắc mắc xin liên hệ cán bộ OCOP của xã/phường hoặc của Sở."
)


def _line(row, with_producer: bool) -> str:
    decision = row.decision
    text = f"- {row.product.name}"
    if decision is not None:
        text += f" ({decision.stars} sao, quyết định số {decision.number} ngày "
        text += f"{format_date(decision.decided_on)})"
    text += f": hiệu lực đến hết ngày {format_date(row.valid_until)} ({row.left_text})"
    if with_producer:
        contacts = ", ".join(
            part for part in (row.producer.phone, row.producer.email, row.producer.address) if part
        )
        text += f"\n  Chủ thể: {row.producer.name}" + (f" — {contacts}" if contacts else "")
    return text


def reminder(message, province, today: date) -> tuple[str, str]:
    rows = [row for row, _ in message.items]
    to_producer = message.role == "producer"
    if len(rows) == 1:
        subject = f"Sản phẩm OCOP {rows[0].product.name} hết hạn công nhận vào ngày " + format_date(
            rows[0].valid_until
        )
    else:
        subject = f"{len(rows)} sản phẩm OCOP sắp hết hạn công nhận"
    if to_producer:
        greeting = f"Kính gửi {rows[0].producer.name},"
        intro = "Sản phẩm OCOP sau đây của quý cơ sở sắp hết thời hạn công nhận:"
        advice = (
            "Để sản phẩm tiếp tục được công nhận và dùng biểu trưng OCOP, quý cơ sở cần đăng ký "
            "đánh giá lại trước ngày hết hạn. Xin liên hệ cán bộ OCOP của xã/phường để được "
            "hướng dẫn nộp hồ sơ."
        )
    else:
        greeting = "Kính gửi cán bộ OCOP xã/phường,"
        intro = f"Các sản phẩm OCOP sau đây trên địa bàn {rows[0].unit} sắp hết thời hạn công nhận:"
        advice = (
            "Đề nghị đồng chí hướng dẫn các chủ thể đăng ký đánh giá lại trước ngày hết hạn. "
            f"Theo quy định, chủ thể phải được báo bằng văn bản ít nhất {MIN_NOTICE_DAYS} ngày "
            "trước ngày hết hạn; Sổ đăng ký đã gửi thư cho các chủ thể có địa chỉ thư điện tử."
        )
    lines = "\n".join(_line(row, not to_producer) for row in rows)
    body = (
        f"{greeting}\n\nSổ đăng ký OCOP {province.kind} {province.name} xin thông báo "
        f"(ngày {format_date(today)}):\n\n{intro}\n\n{lines}\n\n{advice}{SIGNATURE}"
    )
    return subject, body


def digest(province, today: date, day: date, soon, lately, reminded: int) -> tuple[str, str]:
    subject = (
        f"Tổng hợp OCOP hằng tuần {province.kind} {province.name}, tuần từ ngày " + format_date(day)
    )
    parts = [
        "Kính gửi Sở,",
        f"Tình hình hết hạn công nhận sản phẩm OCOP tính đến ngày {format_date(today)}:",
        _section(f"Sắp hết hạn ({len(soon)} sản phẩm)", soon),
        _section(f"Đã hết hạn trong tuần qua, chưa đánh giá lại ({len(lately)} sản phẩm)", lately),
        f"Lời nhắc đã gửi cho chủ thể và cán bộ xã/phường trong tuần qua: {reminded}.",
        f'Danh sách đầy đủ và xuất Excel: trang "Sắp hết hạn" của bàn làm việc, {desk_address()}',
    ]
    return subject, "\n\n".join(parts) + SIGNATURE


def desk_address() -> str:
    return settings.OCOP_PUBLIC_URL + reverse("notices:desk")


def _section(title: str, rows) -> str:
    if not rows:
        return f"{title}: không có."
    groups = [
        f"{unit} ({len(members)}):\n" + "\n".join(_line(r, True) for r in members)
        for unit, members in by_commune(rows)
    ]
    return f"{title}:\n\n" + "\n\n".join(groups)
