"""The lists as Excel workbooks: real date cells shown dd/mm/yyyy, a frozen header with
filters, column widths, the header repeated on every printed page, landscape A4 fitted to the
width. Every string goes through safe_cell, so no cell can become a formula."""

from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from ocop.domain.dates import format_date
from ocop.reports.lists import ProductList, Row
from ocop.reports.properties import DocumentProperties
from ocop.shared.exports import safe_cell

DATE_FORMAT = "DD/MM/YYYY"
FONT = "Times New Roman"
HEADER_ROW = 5
LINE_POINTS = 15.75  # one line of 12 pt text
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GROUP_FILL = PatternFill("solid", fgColor="E8F0EA")
HEADER_FILL = PatternFill("solid", fgColor="D9E2DC")


@dataclass(frozen=True)
class Column:
    heading: str
    width: float
    value: object  # Row -> cell value
    kind: str = "text"  # "text", "number" or "date"


LIST_COLUMNS = [
    Column("STT", 6, lambda r: r.number, "number"),
    Column("Tên sản phẩm", 34, lambda r: r.product),
    Column("Chủ thể", 34, lambda r: r.producer),
    Column("Địa chỉ", 28, lambda r: r.address),
    Column("Hạng sao", 8, lambda r: r.stars, "number"),
    Column("Số quyết định", 18, lambda r: r.decision_number),
    Column("Ngày quyết định", 13, lambda r: r.decided_on, "date"),
    Column("Cơ quan ban hành", 24, lambda r: r.issuer_shown),
    Column("Hiệu lực đến hết ngày", 13, lambda r: r.last_valid_day, "date"),
]
EXPIRING_COLUMNS = [
    Column("STT", 6, lambda r: r.number, "number"),
    Column("Tên sản phẩm", 30, lambda r: r.product),
    Column("Chủ thể", 30, lambda r: r.producer),
    Column("Người đại diện", 20, lambda r: r.representative),
    Column("Điện thoại", 15, lambda r: r.phone),
    Column("Thư điện tử", 24, lambda r: r.email),
    Column("Địa chỉ chủ thể (như ghi)", 30, lambda r: r.producer_address),
    Column("Xã, phường hiện nay", 18, lambda r: r.unit),
    Column("Hạng sao", 8, lambda r: r.stars, "number"),
    Column("Số quyết định", 18, lambda r: r.decision_number),
    Column("Ngày quyết định", 13, lambda r: r.decided_on, "date"),
    Column("Hiệu lực đến hết ngày", 13, lambda r: r.last_valid_day, "date"),
]


def lists_xlsx(
    valid: ProductList,
    expired: ProductList,
    reference: str = "",
    properties: DocumentProperties | None = None,
) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for number, product_list in (("I", valid), ("II", expired)):
        title = [f"Phụ lục {number}", product_list.title, _as_of(product_list), reference]
        _sheet(workbook, f"Phụ lục {number}", title, LIST_COLUMNS, product_list)
        _note(workbook[f"Phụ lục {number}"], product_list.presumed_note, len(LIST_COLUMNS))
    title = f"Danh sách sản phẩm OCOP {_as_of(valid)}"
    (properties or DocumentProperties("", title)).stamp_xlsx(workbook)
    return _saved(workbook)


def expiring_xlsx(
    product_list: ProductList, period: str, properties: DocumentProperties | None = None
) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    title = [product_list.title, period, "", ""]
    _sheet(workbook, "Sắp hết hạn", title, EXPIRING_COLUMNS, product_list)
    title = f"{product_list.title} {period}"
    (properties or DocumentProperties("", title)).stamp_xlsx(workbook)
    return _saved(workbook)


def _as_of(product_list: ProductList) -> str:
    return f"(Tính đến ngày {format_date(product_list.as_of)})"


def _sheet(workbook, name: str, title: list[str], columns: list[Column], product_list) -> None:
    sheet = workbook.create_sheet(name)
    last_column = get_column_letter(len(columns))
    for n, text in enumerate(title, start=1):
        sheet.merge_cells(f"A{n}:{last_column}{n}")
        cell = safe_cell(sheet.cell(n, 1), text)
        cell.font = Font(name=FONT, size=13, bold=n < 3, italic=n >= 3)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for n, column in enumerate(columns, start=1):
        cell = safe_cell(sheet.cell(HEADER_ROW, n), column.heading)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.fill, cell.border = HEADER_FILL, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = _height(
        [(column.heading, column.width) for column in columns]
    )
    last_row = _body(sheet, columns, product_list)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{last_row}"
    _print_setup(sheet)


def _body(sheet, columns: list[Column], product_list: ProductList) -> int:
    row_number = HEADER_ROW
    for group in product_list.groups:
        row_number += 1
        _group_row(sheet, row_number, group.unit, len(columns))
        for row in group.rows:
            row_number += 1
            _data_row(sheet, row_number, columns, row)
    return row_number


def _group_row(sheet, row_number: int, unit: str, width: int) -> None:
    for n in range(1, width + 1):
        cell = sheet.cell(row_number, n)
        cell.fill, cell.border = GROUP_FILL, BOX
    cell = safe_cell(sheet.cell(row_number, 2), unit)
    cell.font = Font(name=FONT, size=12, bold=True)


def _data_row(sheet, row_number: int, columns: list[Column], row: Row) -> None:
    for n, column in enumerate(columns, start=1):
        cell = safe_cell(sheet.cell(row_number, n), column.value(row))
        cell.font, cell.border = Font(name=FONT, size=12), BOX
        if column.kind == "date":
            cell.number_format = DATE_FORMAT
        centred = column.kind != "text"
        cell.alignment = Alignment(
            horizontal="center" if centred else "left", vertical="top", wrap_text=True
        )
    texts = [(str(column.value(row) or ""), column.width) for column in columns]
    sheet.row_dimensions[row_number].height = _height(texts)


def _height(texts: list[tuple[str, float]]) -> float:
    """A row tall enough for its longest wrapped cell: LibreOffice Calc prints a wrapped cell
    at the file's row height, so without one the lines of a long address overlap."""
    lines = max(_lines(text, width) for text, width in texts)
    return LINE_POINTS * lines + 3


def _lines(text: str, width: float) -> int:
    # A column `width` characters wide holds about that many letters of 12 pt Times; words
    # wrap whole, so count word by word.
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > width - 1:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def _note(sheet, text: str, width: int) -> None:
    """A note under the table, one blank row below it."""
    if not text:
        return
    row_number = sheet.max_row + 2
    sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=width)
    cell = safe_cell(sheet.cell(row_number, 1), text)
    cell.font = Font(name=FONT, size=12, italic=True)
    cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)


def _print_setup(sheet) -> None:
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    sheet.oddFooter.center.text = "Trang &P/&N"


def _saved(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
