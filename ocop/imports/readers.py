"""Spreadsheet files -> sheets of raw cell values, with Excel's own row and column positions.

.xlsx/.xlsm/.xls/.ods are read with python-calamine (fast, and it gives merged ranges);
.csv is decoded as UTF-8 (with or without BOM), else as Windows-1258."""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from ocop.formula_injection import unquote_csv_value
from ocop.imports import legacy

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
EXTENSIONS = (*SPREADSHEETS, ".csv")


class UnreadableFile(ValueError):
    """The file cannot be read at all: wrong type, damaged, protected."""


@dataclass
class Sheet:
    name: str
    # rows[i][j] is the cell at Excel row i+1, column j+1; "" when empty.
    rows: list[list]
    # Merged ranges as (first row, first column, last row, last column), 0-based, inclusive.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False


@dataclass
class Workbook:
    sheets: list[Sheet]
    notes: list[str] = field(default_factory=list)


def read(path: Path) -> Workbook:
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise UnreadableFile(
            f"không đọc được tệp đuôi '{suffix or '(không có)'}': chỉ nhận {', '.join(EXTENSIONS)}"
        )
    if suffix == ".csv":
        return read_csv(path.read_bytes())
    return read_spreadsheet(path)


def read_spreadsheet(path: Path) -> Workbook:
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        sheets = [_sheet(book, meta) for meta in book.sheets_metadata]
    except python_calamine.CalamineError as exc:
        raise UnreadableFile(f"tệp bị hỏng hoặc không phải bảng tính: {exc}") from None
    except (OSError, ValueError) as exc:
        raise UnreadableFile(f"không đọc được tệp: {exc}") from None
    return Workbook([sheet for sheet in sheets if sheet is not None])


def _sheet(book, meta) -> Sheet | None:
    if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
        return None
    sheet = book.get_sheet_by_name(meta.name)
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    return Sheet(
        name=meta.name,
        rows=sheet.to_python(skip_empty_area=False),
        merged=merged,
        hidden=meta.visible != python_calamine.SheetVisibleEnum.Visible,
    )


def read_csv(data: bytes) -> Workbook:
    text, encoding = decode(data)
    notes = [] if encoding.startswith("utf-8") else [f"tệp CSV được đọc theo mã {encoding}"]
    delimiter = _delimiter(text[:50000])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [[unquote_csv_value(value) for value in row] for row in reader]
    return Workbook([Sheet(name="", rows=rows)], notes)


def _delimiter(sample: str) -> str:
    """The separator that cuts most lines into the same, largest number of fields. (The
    csv sniffer takes the commas of an address for separators in a semicolon file.)"""

    def score(delimiter: str) -> int:
        rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))[:-1] or [[]]
        lengths = Counter(len(row) for row in rows if len(row) > 1)
        return max((n * width for width, n in lengths.items()), default=0)

    return max(",;\t", key=score)


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 first (a BOM is dropped); otherwise an 8-bit Windows code page: Windows-1258, or
    Windows-1252 when the bytes are text typed with a TCVN3/VNI font (converted later)."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    as_1252 = data.decode("cp1252", errors="replace")
    if legacy.detect(as_1252.replace("\ufffd", ""), strict=True):
        return as_1252, "Windows-1252 (phông TCVN3/VNI)"
    try:
        return data.decode("cp1258"), "Windows-1258"
    except UnicodeDecodeError:
        raise UnreadableFile(
            "không nhận ra mã hoá của tệp CSV (cần UTF-8 hoặc Windows-1258)"
        ) from None
