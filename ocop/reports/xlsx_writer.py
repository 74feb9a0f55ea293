"""The lists as Excel workbooks: real date cells shown dd/mm/yyyy, the header row frozen alone
with filters, column widths, and printing as the department prints: A4 landscape, one page wide
at the size the text was written (12 pt), the header repeated on every page, a commune heading
never alone at a page foot, each sheet (appendix) numbering its pages from 1 in a footer clear
of the table. Every string goes through safe_cell, so no cell can become a formula."""

from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.views import Pane

from ocop.domain.dates import format_date
from ocop.reports.lists import ProductList, Row
from ocop.reports.properties import DocumentProperties
from ocop.shared.exports import safe_cell

DATE_FORMAT = "DD/MM/YYYY"
FONT = "Times New Roman"
HEADER_ROW = 5
LINE_POINTS = 15.75  # one line of 12 pt text
TITLE_POINTS = 18  # one line of a 13 pt title
# Column widths count the workbook's default font's digits: Times New Roman 12 pt (below), whose
# digit is 8 px at 96 dpi; a column is 8 px a unit plus 5 px of padding.
DIGIT_PX, PADDING_PX = 8, 5
# A4 landscape (inches): the margins leave 11.69 - 0.5 - 0.4 = 10.79 in (1036 px) of width;
# the footer sits 0.3 in from the edge, the table stops 0.75 in from it.
MARGINS = PageMargins(left=0.5, right=0.4, top=0.6, bottom=0.75, header=0.3, footer=0.3)
PRINTABLE_PX = round((11.69 - MARGINS.left - MARGINS.right) * 96)
PRINTABLE_POINTS = (8.27 - MARGINS.top - MARGINS.bottom) * 72
# Pages are cut a little early, so that a program measuring rows a point taller than this file
# says never makes a page break of its own before ours.
PAGE_FILL = 0.95
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


# The widths add up to one printed page's width (PRINTABLE_PX; tests/test_print_layout.py), so
# fitting to the width keeps the text at 12 pt: the address, the longest text, the widest.
LIST_COLUMNS = [
    Column("STT", 4.5, lambda r: r.number, "number"),
    Column("Tên sản phẩm", 19, lambda r: r.product),
    Column("Chủ thể", 20, lambda r: r.producer),
    Column("Địa chỉ", 26, lambda r: r.address),
    Column("Hạng sao", 5.5, lambda r: r.stars, "number"),
    Column("Số quyết định", 14.5, lambda r: r.decision_number),
    Column("Ngày quyết định", 11, lambda r: r.decided_on, "date"),
    Column("Cơ quan ban hành", 13.5, lambda r: r.issuer_shown),
    Column("Hiệu lực đến hết ngày", 10.5, lambda r: r.last_valid_day, "date"),
]
EXPIRING_COLUMNS = [  # one page wide too (12 pt at 93 %)
    Column("STT", 4.5, lambda r: r.number, "number"),
    Column("Tên sản phẩm", 14, lambda r: r.product),
    Column("Chủ thể", 14, lambda r: r.producer),
    Column("Người đại diện", 11, lambda r: r.representative),
    Column("Điện thoại", 10.5, lambda r: r.phone),
    Column("Thư điện tử", 14, lambda r: r.email),
    Column("Địa chỉ chủ thể", 16, lambda r: r.producer_address),
    Column("Xã, phường hiện nay", 10, lambda r: r.unit),
    Column("Hạng sao", 5, lambda r: r.stars, "number"),
    Column("Số quyết định", 13, lambda r: r.decision_number),
    Column("Ngày quyết định", 10.5, lambda r: r.decided_on, "date"),
    Column("Hiệu lực đến hết ngày", 10.5, lambda r: r.last_valid_day, "date"),
]


def lists_xlsx(
    valid: ProductList,
    expired: ProductList,
    reference: str = "",
    properties: DocumentProperties | None = None,
) -> bytes:
    workbook = _workbook()
    for number, product_list in (("I", valid), ("II", expired)):
        title = [f"Phụ lục {number}", product_list.title, _as_of(product_list), reference]
        sheet = _sheet(workbook, f"Phụ lục {number}", title, LIST_COLUMNS, product_list)
        _note(sheet, product_list.presumed_note, len(LIST_COLUMNS))
    title = f"Danh sách sản phẩm OCOP {_as_of(valid)}"
    (properties or DocumentProperties("", title)).stamp_xlsx(workbook)
    return _saved(workbook)


def expiring_xlsx(
    product_list: ProductList, period: str, properties: DocumentProperties | None = None
) -> bytes:
    workbook = _workbook()
    title = [product_list.title, period, "", ""]
    _sheet(workbook, "Sắp hết hạn", title, EXPIRING_COLUMNS, product_list)
    title = f"{product_list.title} {period}"
    (properties or DocumentProperties("", title)).stamp_xlsx(workbook)
    return _saved(workbook)


def _workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    # The default font is what column widths are counted in (Excel and LibreOffice alike):
    # Calibri, openpyxl's, is missing where LibreOffice prints, and a wider stand-in made
    # every column wider and the printed text about 7 pt. openpyxl has no setter for it.
    workbook._fonts = IndexedList([Font(name=FONT, size=12, family=1)])
    return workbook


def _as_of(product_list: ProductList) -> str:
    return f"(Tính đến ngày {format_date(product_list.as_of)})"


def _sheet(workbook, name: str, title: list[str], columns: list[Column], product_list):
    sheet = workbook.create_sheet(name)
    last_column = get_column_letter(len(columns))
    table_width = sum(column.width for column in columns)
    for n, text in enumerate(title, start=1):
        sheet.merge_cells(f"A{n}:{last_column}{n}")
        cell = safe_cell(sheet.cell(n, 1), text)
        cell.font = Font(name=FONT, size=13, bold=n < 3, italic=n >= 3)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        lines = _lines(text, table_width * 12 / 13) if text else 1
        sheet.row_dimensions[n].height = TITLE_POINTS * lines
    for n, column in enumerate(columns, start=1):
        cell = safe_cell(sheet.cell(HEADER_ROW, n), column.heading)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.fill, cell.border = HEADER_FILL, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = _height(
        [(column.heading, column.width) for column in columns]
    )
    headings = _body(sheet, columns, product_list)
    last_row = sheet.max_row
    _freeze_header_alone(sheet)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{last_row}"
    _print_setup(sheet, name)
    _page_breaks(sheet, headings, columns)
    return sheet


def _freeze_header_alone(sheet) -> None:
    """Freeze the header row and not the title above it: the window opens scrolled to the
    header (the title is one scroll up, once unfrozen), the header row alone in the frozen pane."""
    sheet.sheet_view.topLeftCell = f"A{HEADER_ROW}"
    sheet.sheet_view.pane = Pane(
        ySplit=1, topLeftCell=f"A{HEADER_ROW + 1}", activePane="bottomLeft", state="frozen"
    )
    sheet.sheet_view.selection[0].pane = "bottomLeft"
    sheet.sheet_view.selection[0].activeCell = sheet.sheet_view.selection[0].sqref = (
        f"A{HEADER_ROW + 1}"
    )


def _body(sheet, columns: list[Column], product_list: ProductList) -> set[int]:
    """Writes the rows; returns the row numbers of the commune headings."""
    row_number, headings = HEADER_ROW, set()
    for group in product_list.groups:
        row_number += 1
        headings.add(row_number)
        _group_row(sheet, row_number, group.unit, len(columns))
        for row in group.rows:
            row_number += 1
            _data_row(sheet, row_number, columns, row)
    return headings


def _group_row(sheet, row_number: int, unit: str, width: int) -> None:
    for n in range(1, width + 1):
        cell = sheet.cell(row_number, n)
        cell.fill, cell.border = GROUP_FILL, BOX
    cell = safe_cell(sheet.cell(row_number, 2), unit)
    cell.font = Font(name=FONT, size=12, bold=True)
    sheet.row_dimensions[row_number].height = LINE_POINTS + 3


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
    # A unit of width (a digit, 8 px) holds about 1.1 letters of 12 pt Times (7 px on
    # average); words wrap whole, so count word by word, a word longer than a line (an
    # e-mail address) cut where it reaches the edge. Rather a line too many than a line cut
    # off: LibreOffice prints at the file's row heights.
    lines, used, room = 1, 0, max(width * 1.1 - 1.5, 1)
    for word in text.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, 0
        start = used + 1 if used else 0
        overflow, used = divmod(start + len(word), room)
        lines += int(overflow)
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


def _print_setup(sheet, name: str) -> None:
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    # Each sheet numbers its own pages from 1: Phụ lục II starts at "Trang 1", not where
    # Phụ lục I stopped. No "of N": LibreOffice would count the whole workbook's pages.
    setup.firstPageNumber, setup.useFirstPageNumber = 1, True
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = MARGINS
    footer = sheet.oddFooter.center
    footer.text, footer.font, footer.size = f"{name} - Trang &P", FONT, 11


def table_px(columns: list[Column]) -> int:
    """The printed width of a table's columns, in pixels at 96 dpi."""
    return sum(round(column.width * DIGIT_PX) + PADDING_PX for column in columns)


def _page_breaks(sheet, headings: set[int], columns: list[Column]) -> None:
    """Page breaks where the rows fill a page, by their heights (fit to width prints them at
    100 % when the table is no wider than the page): a commune heading that would end a page
    goes to the next one, with its first product."""
    scale = min(1.0, PRINTABLE_PX / table_px(columns))
    room = PRINTABLE_POINTS * PAGE_FILL / scale
    header = sheet.row_dimensions[HEADER_ROW].height
    used = sum(sheet.row_dimensions[n].height or LINE_POINTS for n in range(1, HEADER_ROW + 1))
    for n in range(HEADER_ROW + 1, sheet.max_row + 1):
        height = sheet.row_dimensions[n].height or LINE_POINTS
        needed = height + (_height_of(sheet, n + 1) if n in headings else 0)
        if used + needed > room:
            sheet.row_breaks.append(Break(id=n - 1))
            used = header
        used += height


def _height_of(sheet, row_number: int) -> float:
    return sheet.row_dimensions[row_number].height or LINE_POINTS


def _saved(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
