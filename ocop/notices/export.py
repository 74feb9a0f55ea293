"""The expiry desk as a spreadsheet, one product a row under its commune. Text goes through
ocop.formula_injection (names and contacts are typed by people); dates are real dates shown
dd/mm/yyyy, so that the sheet sorts and filters by them."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ocop.domain.dates import format_date
from ocop.formula_injection import safe_cell

HEADER = [
    "Xã/phường", "Sản phẩm", "Hạng sao", "Số quyết định", "Ngày quyết định",
    "Hiệu lực đến hết ngày", "Số ngày còn lại", "Chủ thể", "Điện thoại", "Thư điện tử",
    "Địa chỉ", "Hồ sơ đánh giá lại", "Đã nhắc",
]  # fmt: skip
WIDTHS = (18, 36, 8, 16, 14, 14, 10, 36, 14, 26, 40, 18, 40)
DATE_FORMAT = "dd/mm/yyyy"


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
        row.product.name,
        decision.stars if decision else None,
        decision.number if decision else "",
        decision.decided_on if decision else None,
        row.valid_until,
        row.days_left,
        producer.name,
        producer.phone,
        producer.email,
        producer.address,
        row.dossier,
        reminders_text(row),
    ]


def as_xlsx(desk, title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sắp hết hạn")
    for column, width in zip("ABCDEFGHIJKLM", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    heading = WriteOnlyCell(sheet, f"{title}, tính đến ngày {format_date(desk.today)}")
    heading.font = Font(bold=True)
    sheet.append([heading])
    sheet.append([_bold(sheet, text) for text in HEADER])
    for unit, rows in desk.groups:
        for row in rows:
            sheet.append([_cell(sheet, value) for value in values(unit, row)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _bold(sheet, text):
    cell = WriteOnlyCell(sheet, text)
    cell.font = Font(bold=True)
    return cell


def _cell(sheet, value):
    cell = safe_cell(WriteOnlyCell(sheet), value)
    if hasattr(value, "isoformat"):
        cell.number_format = DATE_FORMAT
    return cell
