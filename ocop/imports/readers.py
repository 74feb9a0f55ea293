"""Spreadsheet files -> sheets of raw cell values, with Excel's own row and column positions.

A file is first checked for what it really is and for its size (filetype.py, limits.py and
the *_scan.py modules), before any cell is read. .xlsx/.xlsm/.xls/.ods are then read with
python-calamine (fast, and it gives merged ranges); .csv is decoded as UTF-16 when it says so
or looks so, else UTF-8 (with or without BOM), else Windows-1258; UTF-16 and UTF-8 files are
decoded as they are read."""

import codecs
import csv
import io
import itertools
import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from ocop.imports import legacy
from ocop.imports.filetype import (
    SAVE_AS_XLSX,
    UnreadableFile,
    damaged,
    kind_of,
    open_zip,
    refuse_wrong_spreadsheet,
)
from ocop.imports.limits import Limits, number
from ocop.imports.ods_scan import check_ods
from ocop.imports.xls_scan import check_xls
from ocop.imports.xlsx_scan import check_xlsx
from ocop.shared.exports import unquote_csv_value

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
EXTENSIONS = (*SPREADSHEETS, ".csv")
_NATIVE = {"zip": (".xlsx", ".xlsm", ".ods"), "ole": (".xls",)}
__all__ = ["EXTENSIONS", "Sheet", "UnreadableFile", "Workbook", "read"]


@dataclass
class Sheet:
    name: str
    # rows[i][j] is the cell at Excel row i+1, column j+1; "" when empty.
    rows: list[list]
    # Merged ranges as (first row, first column, last row, last column), 0-based, inclusive.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False
    # Formula cells saved without their computed value, as (row, column), 0-based.
    uncomputed: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Workbook:
    sheets: list[Sheet]
    notes: list[str] = field(default_factory=list)


def read(path: Path, limits: Limits | None = None) -> Workbook:
    """Raises UnreadableFile, with what to do, for a file that cannot or may not be read."""
    limits = limits or Limits.from_settings()
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise UnreadableFile(
            f"không đọc được tệp đuôi '{suffix or '(không có)'}': chỉ nhận {', '.join(EXTENSIONS)}"
        )
    limits.check_file_size(path)
    kind = kind_of(path)
    if suffix == ".csv" and kind == "text":
        return _read_csv_file(path, limits)
    refuse_wrong_spreadsheet(path, kind)
    uncomputed = _check_spreadsheet(path, kind, limits)
    return read_spreadsheet(path, kind, uncomputed)


def _check_spreadsheet(path: Path, kind: str, limits: Limits) -> dict:
    if kind == "ole":
        check_xls(path, limits)
        return {}
    with open_zip(path) as package:
        names = set(package.namelist())
    if "content.xml" in names:
        check_ods(path, limits)
        return {}
    if "xl/workbook.xml" not in names:
        raise UnreadableFile(f"tệp nén này không phải bảng tính Excel hay ODS: {SAVE_AS_XLSX}")
    return check_xlsx(path, limits)


def read_spreadsheet(path: Path, kind: str = "", uncomputed: dict | None = None) -> Workbook:
    try:
        if not kind or path.suffix.lower() in _NATIVE[kind]:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
        else:  # named as another kind (an .xls renamed .xlsx): let calamine tell by content
            with path.open("rb") as file:
                book = python_calamine.CalamineWorkbook.from_filelike(file)
        sheets = [_sheet(book, meta, uncomputed or {}) for meta in book.sheets_metadata]
    except python_calamine.PasswordError:
        raise UnreadableFile(
            "tệp được đặt mật khẩu, không đọc được: mở tệp bằng Excel, bỏ mật khẩu rồi lưu lại"
        ) from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:
        raise UnreadableFile(damaged()) from None
    return Workbook([sheet for sheet in sheets if sheet is not None])


def _sheet(book, meta, uncomputed: dict) -> Sheet | None:
    if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
        return None
    sheet = book.get_sheet_by_name(meta.name)
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    return Sheet(
        name=strip_controls(meta.name),
        rows=sheet.to_python(skip_empty_area=False),
        merged=merged,
        hidden=meta.visible != python_calamine.SheetVisibleEnum.Visible,
        uncomputed=uncomputed.get(meta.name, []),
    )


def _read_csv_file(path: Path, limits: Limits) -> Workbook:
    """A file in UTF-8 or UTF-16 is decoded as its rows are read, never held whole (at the
    cell limit its text would add a tenth to the peak). Other files are decoded whole: a
    legacy font is told from the whole text."""
    codec, encoding = _stream_encoding(path)
    if not codec:
        text, encoding = decode(path.read_bytes())
        return _read_csv_lines(lambda: nullcontext(lines(text)), encoding, limits)
    return _read_csv_lines(lambda: path.open(encoding=codec, newline=""), encoding, limits)


def read_csv(data: bytes, limits: Limits | None = None) -> Workbook:
    text, encoding = decode(data)
    limits = limits or Limits.from_settings()
    return _read_csv_lines(lambda: nullcontext(lines(text)), encoding, limits)


def _stream_encoding(path: Path) -> tuple[str, str]:
    """(codec, name) for a file in UTF-16 or valid UTF-8, checked as a stream; ("", "")
    otherwise (decode() tells)."""
    with path.open("rb") as file:
        utf16 = _utf16(file.read(4096))
        if utf16:
            return utf16, "UTF-16"
        file.seek(0)
        checker = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := file.read(1 << 20):
                checker.decode(chunk)
            checker.decode(b"", final=True)
        except UnicodeDecodeError:
            return "", ""
    return "utf-8-sig", "utf-8"


def _read_csv_lines(open_lines, encoding: str, limits: Limits) -> Workbook:
    """`open_lines()`: a context giving the text's lines with their endings, afresh at each
    call (a quote left open is looked for in a second pass)."""
    notes = [] if encoding.startswith("utf-8") else [f"tệp CSV được đọc theo mã {encoding}"]
    try:
        with open_lines() as source:
            sample = _sample(source)
            delimiter = _delimiter("".join(sample)[:50000])
            reader = csv.reader(itertools.chain(sample, source), delimiter=delimiter)
            rows, width, start = _csv_rows(reader, limits)
        # A quote left open swallows the rest of the file into one cell without a word from
        # csv.
        if reader.line_num > start:
            with open_lines() as source:
                if _open_at_end(source, delimiter):
                    raise UnreadableFile(_open_quote(start))
    except UnicodeDecodeError:
        raise UnreadableFile(
            "tệp CSV mã UTF-16 bị hỏng (cắt cụt giữa một ký tự): lấy lại tệp gốc"
        ) from None
    limits.check_sheet("", len(rows), width)
    return Workbook([Sheet(name="", rows=rows)], notes)


def _sample(source) -> list[str]:
    """The first lines, to 50,000 characters: enough to tell the separator."""
    sample, size = [], 0
    for line in source:
        sample.append(line)
        size += len(line)
        if size >= 50000:
            break
    return sample


def _csv_rows(reader, limits: Limits) -> tuple[list[list[str]], int, int]:
    """The rows, their width and the first line of the last row."""
    rows, width, start, next_start = [], 0, 1, 1
    try:
        for row in reader:
            start, next_start = next_start, reader.line_num + 1
            rows.append([unquote_csv_value(value) for value in row])
            width = max(width, len(row))
            # Checked as the rows come: a file past a limit is not read to its end.
            if len(rows) * width > limits.cells or len(rows) > limits.rows:
                limits.check_sheet("", len(rows), width)
    except csv.Error:  # a field past csv's 131,072 characters: mostly a quote left open
        raise UnreadableFile(_open_quote(next_start, long_cell=True)) from None
    return rows, width, start


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def lines(text: str):
    """The text's lines with their endings (\\r\\n, \\n or a Mac's \\r), one at a time: a
    StringIO would copy the whole text first, at 4 bytes a character."""
    for line in _LINE.finditer(text):
        yield line.group()


def _open_quote(line: int, long_cell: bool = False) -> str:
    where = f"dòng {number(line)} của tệp CSV"
    if long_cell:
        return (
            f"{where}: một ô dài hơn {number(csv.field_size_limit())} ký tự, thường vì một dấu "
            f'ngoặc kép (") mở mà không đóng: sửa dòng đó, hoặc {SAVE_AS_XLSX}'
        )
    return (
        f'{where}: dấu ngoặc kép (") mở mà không đóng, nên phần còn lại của tệp bị đọc thành '
        f"một ô: sửa dòng đó, hoặc {SAVE_AS_XLSX}"
    )


def _open_at_end(source, delimiter: str) -> bool:
    try:
        for _ in csv.reader(source, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "end of data" in str(exc)
    return False


def strip_controls(text: str) -> str:
    """Control characters (NUL, ...) have no place in a list; PostgreSQL refuses NUL."""
    return text if text.isprintable() else text.translate(CONTROLS)


# C0 controls but tab, line feed and carriage return (normalize_text turns those into spaces),
# and DEL.
CONTROLS = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127])


def _utf16(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return ""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return ""


def _delimiter(sample: str) -> str:
    """The separator that cuts most lines into the same, largest number of fields. (The
    csv sniffer takes the commas of an address for separators in a semicolon file.)"""

    def score(delimiter: str) -> int:
        rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))[:-1] or [[]]
        lengths = Counter(len(row) for row in rows if len(row) > 1)
        return max((n * width for width, n in lengths.items()), default=0)

    return max(",;\t", key=score)


def decode(data: bytes) -> tuple[str, str]:
    """UTF-16 when the file says so (a BOM) or looks so (a zero byte beside most ASCII
    characters: Excel's "Unicode text"); then UTF-8 (a BOM is dropped); otherwise an 8-bit
    Windows code page: Windows-1258, or Windows-1252 when the bytes are text typed with a
    TCVN3/VNI font (converted later)."""
    utf16 = _utf16(data)
    if utf16:
        try:
            return data.decode(utf16).removeprefix("\ufeff"), "UTF-16"
        except UnicodeDecodeError:
            raise UnreadableFile(
                "tệp CSV mã UTF-16 bị hỏng (cắt cụt giữa một ký tự): lấy lại tệp gốc"
            ) from None
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
