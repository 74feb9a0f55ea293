"""A sheet as read -> its header and its product rows, each with Excel's row number.

Text is cleaned first (legacy fonts converted, Unicode normalised to NFC, spaces collapsed),
merged cells of the table are filled down, and the rows that are not products are set aside:
empty rows, the column-number row under the header, section rows ("I. HUYỆN TAM ĐƯỜNG",
"Xã Bình Lư", kept as context for addresses), totals and signature rows."""

import re
from collections import Counter
from dataclasses import dataclass, field

from ocop.domain.addresses import parse_address
from ocop.domain.names import normalize_text as clean
from ocop.imports import legacy
from ocop.imports.filetype import SAVE_AS_XLSX
from ocop.imports.header import Column, Field, Header, column_letter, find_header, label_key
from ocop.imports.issues import Issue, Severity
from ocop.imports.readers import Sheet, strip_controls

# Cells that make a row a product row even when its STT is missing.
_DATA_FIELDS = (
    Field.PRODUCER,
    Field.ADDRESS,
    Field.STARS,
    Field.DECISION,
    Field.DECISION_NUMBER,
    Field.DECISION_DATE,
    Field.TAX_CODE,
    Field.UNIT_CODE,
)
_TOTALS = re.compile(r"(tong cong|tong so|tong|cong)( \d+.*| san pham.*)?")
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")


@dataclass
class RawRow:
    number: int  # as Excel shows it
    cells: dict[Field, object]
    context: tuple[str, ...] = ()


@dataclass
class SheetRows:
    name: str
    header: Header | None = None
    rows: list[RawRow] = field(default_factory=list)
    skipped: str = ""
    issues: list[Issue] = field(default_factory=list)


def sheet_rows(sheet: Sheet, file_name: str) -> SheetRows:
    result = SheetRows(sheet.name)
    fonts = clean_text(sheet.rows)
    header = find_header(sheet.rows, sheet.merged)
    if header is None or not header.holds_products():
        result.skipped = "không có dòng tiêu đề của danh sách sản phẩm"
        return result
    if sheet.hidden:
        result.skipped = "trang bị ẩn"
        return result
    result.header = header
    _header_notes(result, file_name, fonts)
    _fill_down(sheet.rows, sheet.merged, header.last_row)
    result.rows = list(_product_rows(sheet.rows, header))
    if sheet.uncomputed:
        result.rows = _without_uncomputed(result, sheet.uncomputed, file_name)
    return result


def _without_uncomputed(result: SheetRows, cells, file_name: str) -> list[RawRow]:
    """A formula saved without its computed value (by a program other than Excel) reads as an
    empty cell: say so, instead of "thiếu tên" for a name that is there."""
    columns = {column.index: column for column in result.header.columns.values()}
    found = {}
    for r, c in cells:
        if c in columns:
            found.setdefault(r + 1, columns[c])
    kept = []
    for row in result.rows:
        column = found.get(row.number)
        if column is None:
            kept.append(row)
            continue
        result.issues.append(
            Issue(
                file_name, result.name, row.number, column.letter, column.label, "",
                "ô có công thức nhưng tệp không lưu kết quả đã tính (tệp do một chương trình "
                f"khác Excel tạo ra): {SAVE_AS_XLSX}, để Excel tính lại các công thức",
            )
        )  # fmt: skip
    return kept


def clean_text(rows: list[list]) -> dict[int, tuple[str, int]]:
    """Convert legacy-font text and normalise every text cell in place. Returns, per column
    index, the legacy font found there and how many cells were converted.

    A cell that shows a legacy font by itself is converted. Short cells that could be either
    ("Ghi chó" is "Ghi chú" in TCVN3, or Unicode "Ghi chó") are converted only when the sheet
    is mostly typed in that font."""
    # A sheet repeats its cells (addresses, stars, days, a producer per product): each
    # distinct text is looked at once, up to _REMEMBERED of them (a sheet of distinct texts at
    # the cell limit would double its memory in these tables).
    detected, fonts, unicode_cells = {}, Counter(), 0
    for row in rows:
        for c, cell in enumerate(row):
            if isinstance(cell, str) and not cell.isprintable():
                row[c] = cell = strip_controls(cell)
            if isinstance(cell, str) and not cell.isascii():
                font = detected.get(cell, False)
                if font is False:
                    font = legacy.detect(cell)
                    if len(detected) < _REMEMBERED:
                        detected[cell] = font
                if font:
                    fonts[font] += 1
                else:
                    unicode_cells += 1
    sheet_font = None
    if fonts and fonts.most_common(1)[0][1] > unicode_cells:
        sheet_font = fonts.most_common(1)[0][0]
    cleaned, converted = {}, Counter()
    for row in rows:
        for c, cell in enumerate(row):
            if not isinstance(cell, str) or not cell:
                continue
            found = cleaned.get(cell)
            if found is None:
                font = (
                    (detected[cell] if cell in detected else legacy.detect(cell)) if fonts else None
                )
                found = _cleaned(cell, font, sheet_font)
                if len(cleaned) < _REMEMBERED:
                    cleaned[cell] = found
            row[c], font = found
            if font:
                converted[(c, font)] += 1
    return {c: (font, n) for (c, font), n in converted.items()}


_REMEMBERED = 200_000


def _cleaned(cell: str, font: str | None, sheet_font: str | None) -> tuple[str, str | None]:
    """One cell's text in Unicode, normalised, and the legacy font it was converted from."""
    if font is None and sheet_font and legacy.could_be(cell, sheet_font):
        font = sheet_font
    if font:
        return clean(legacy.to_unicode(cell, font)), font
    text = clean(cell)
    return (cell if text == cell else text), None  # the same text kept once


def _header_notes(result: SheetRows, file_name: str, fonts) -> None:
    def warn(column: Column | None, message: str, index: int | None = None) -> None:
        letter = column.letter if column else column_letter(index)
        label = column.label if column else ""
        result.issues.append(
            Issue(file_name, result.name, None, letter, label, "", message, Severity.WARNING)
        )

    by_index = {column.index: column for column in result.header.columns.values()}
    for index, (font, count) in sorted(fonts.items()):
        warn(by_index.get(index), f"{count} ô gõ bằng phông {font}, đã chuyển sang Unicode", index)
    for column, found in result.header.guessed:
        warn(column, f"đoán là cột {FIELD_NAMES[found]} (nhãn không quen): cần kiểm tra")
    for column, first in result.header.duplicates:
        warn(column, f'trùng ý nghĩa với cột {first.letter} "{first.label}"; bỏ qua cột này')


def _fill_down(rows: list[list], merged, header_row: int) -> None:
    """A cell merged down several product rows (one producer for three products) holds for
    each of them. Rows with nothing of their own stay empty."""
    for r0, c0, r1, _ in merged:
        if r0 <= header_row or r1 == r0 or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0 + 1, min(r1 + 1, len(rows))):
            row = rows[r]
            if c0 < len(row) and row[c0] in ("", None) and any(v not in ("", None) for v in row):
                row[c0] = value


def _product_rows(rows: list[list], header: Header):
    columns = [(f, column.index) for f, column in header.columns.items()]
    district, commune = "", ""
    for r in range(header.last_row + 1, len(rows)):
        row = rows[r]
        if not any(v not in ("", None) for v in row):
            continue
        cells = {f: row[i] for f, i in columns if i < len(row) and row[i] not in ("", None)}
        if r <= header.last_row + 2 and _is_column_numbers(row):
            continue
        if _is_totals(row, cells):
            continue
        if _is_section(cells):
            if Field.STT in cells:  # a numbered section ("II. Xã Mường Than") starts afresh
                district, commune = "", ""
            district, commune = _section_context(row, district, commune)
            continue
        yield RawRow(r + 1, cells, tuple(filter(None, (district, commune))))


def _is_section(cells: dict) -> bool:
    """ "I | HUYỆN TAM ĐƯỜNG", "Xã Bình Lư", "Người lập biểu": no row number and one or two
    cells, in any column, or nothing a product row holds."""
    stt = cells.get(Field.STT)
    numbered = isinstance(stt, int | float) or (isinstance(stt, str) and stt.isdigit())
    if numbered:
        return False
    return len(cells) <= 2 or not any(f in cells for f in _DATA_FIELDS)


def _section_context(row: list, district: str, commune: str) -> tuple[str, str]:
    text = ", ".join(v for v in row if isinstance(v, str) and v)
    parts = parse_address(text)
    if any(p.level == "commune" for p in parts):
        return district, text
    if any(p.level == "district" for p in parts):
        return text, ""
    return district, commune


def _is_totals(row: list, cells: dict) -> bool:
    if isinstance(cells.get(Field.STT), int | float):
        return False
    texts = [v for v in row if isinstance(v, str) and v][:2]
    return any(_TOTALS.fullmatch(label_key(text)) for text in texts)


def _is_column_numbers(row: list) -> bool:
    values = [str(int(v)) if isinstance(v, float) else str(v) for v in row if v not in ("", None)]
    return len(values) >= 3 and all(_COLUMN_NUMBER.fullmatch(v) for v in values)


FIELD_NAMES = {
    Field.STT: "số thứ tự",
    Field.PRODUCT: "tên sản phẩm",
    Field.PRODUCER: "tên chủ thể",
    Field.PRODUCER_KIND: "loại hình chủ thể",
    Field.TAX_CODE: "mã số thuế",
    Field.ADDRESS: "địa chỉ",
    Field.PRODUCER_ADDRESS: "địa chỉ chủ thể",
    Field.UNIT_CODE: "mã xã/phường",
    Field.PRODUCER_UNIT_CODE: "mã xã/phường của chủ thể",
    Field.UNIT_NAME: "xã/phường",
    Field.GROUP: "nhóm sản phẩm",
    Field.PRODUCT_SET: "mã bộ sản phẩm",
    Field.STARS: "hạng sao",
    Field.SCORE: "điểm",
    Field.DECISION: "quyết định công nhận",
    Field.DECISION_NUMBER: "số quyết định",
    Field.DECISION_DATE: "ngày quyết định",
    Field.ISSUER: "cơ quan ban hành",
    Field.ISSUER_PRESUMED: "cơ quan ban hành được suy ra",
    Field.CRITERIA: "bộ tiêu chí",
    Field.REVOKED_ON: "ngày thu hồi",
    Field.REVOCATION_NUMBER: "số quyết định thu hồi",
    Field.REVOCATION_REASON: "lý do thu hồi",
    Field.REPRESENTATIVE: "người đại diện",
    Field.PHONE: "điện thoại",
    Field.EMAIL: "thư điện tử",
    Field.DESCRIPTION: "mô tả",
    Field.SOURCE: "nguồn",
    Field.NOTE: "ghi chú",
    Field.IGNORED: "(không dùng)",
}
