"""The expiry desk as a spreadsheet, one product a row under its commune, written by the
shared writer (ocop.shared.exports): names and contacts are typed by people and stay text;
dates are real dates shown dd/mm/yyyy, so that the sheet sorts and filters by them."""

from django.utils import timezone

from ocop.domain.dates import format_date
from ocop.shared.exports import Layout

HEADER = [
    "Xã/phường", "Sản phẩm", "Hạng sao", "Số quyết định", "Ngày quyết định",
    "Hiệu lực đến hết ngày", "Số ngày còn lại", "Chủ thể", "Điện thoại", "Thư điện tử",
    "Địa chỉ", "Hồ sơ đánh giá lại", "Đã nhắc",
]  # fmt: skip
WIDTHS = (18, 36, 8, 16, 14, 14, 10, 36, 14, 26, 40, 18, 40)


def reminders_text(row) -> str:
    return "; ".join(
        f"{format_date(timezone.localdate(r.notice.sent_at))}: trước {r.interval} ngày, "
        f"{r.recipient}"
        for r in row.reminders
    )


def values(unit, row) -> list:
    decision, producer = row.decision, row.producer
    return [
        str(unit),
        row.product_name,
        decision.stars if decision else None,
        decision.number if decision else "",
        decision.decided_on if decision else None,
        row.valid_until,
        row.days_left,
        row.producer_name,
        producer.phone,
        producer.email,
        row.producer_address,
        row.dossier,
        reminders_text(row),
    ]


def rows(desk):
    for unit, members in desk.groups:
        for row in members:
            yield values(unit, row)


def layout(desk, title: str) -> Layout:
    heading = f"{title}, tính đến ngày {format_date(desk.today)}"
    return Layout(sheet="Sắp hết hạn", title=[heading], bold=True, widths=WIDTHS)
