"""Every table the registry hands out as a spreadsheet, written here once: CSV (UTF-8 with a
byte order mark, so that Excel reads the diacritics; dates dd/mm/yyyy) and XLSX (openpyxl's
write-only workbook; dates as real date cells shown dd/mm/yyyy), from a header and rows, as a
download or into a file. Either way no cell runs as a formula in a spreadsheet (CSV/formula
injection): names, contacts and notes are typed by people, and "=HYPERLINK(…)" must open as
the text it is. The importer undoes the CSV quote (unquote_csv_value), so a round trip keeps
the text as typed.

The writers stream: a download of the whole registry keeps memory flat whatever its size.
Small back-office exports pass stream=False and answer with the whole file in one response."""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ocop.domain.dates import format_date, format_moment

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_QUOTE = "'"
BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
TEXT_FORMAT = "@"
# Rows per piece sent: big enough that the response is not thousands of tiny writes, small
# enough that memory stays flat.
ROWS_PER_CHUNK = 500
# An XLSX stays in memory up to this size, then goes to a temporary file on disk.
XLSX_IN_MEMORY = 8 * 1024 * 1024
# The first characters safe_csv_value may act on: other texts skip the call (a million cells
# in a national download).
_MAY_QUOTE = frozenset(t[0] for t in (*FORMULA_TRIGGERS, CSV_QUOTE))


def safe_cell(cell, value):
    """Put `value` in an openpyxl cell (also a write-only cell). Formula-like text is stored
    as text with Excel's own "quote prefix", so it shows as typed and stays text even when
    someone edits the cell."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def safe_csv_value(value):
    """CSV has no cell types: a leading apostrophe makes spreadsheets show formula-like text
    as text (the OWASP advice). Text that itself begins with an apostrophe gets one too, so
    that the importer can always take exactly one off: "'=1" is written "''=1" and "'Chè"
    is written "''Chè", and both read back as typed."""
    if isinstance(value, str) and value.startswith((*FORMULA_TRIGGERS, CSV_QUOTE)):
        return CSV_QUOTE + value
    return value


def unquote_csv_value(value: str) -> str:
    """The reverse of safe_csv_value, for the importer. A lone leading apostrophe before
    ordinary text ("'Chè", as a person may type it) is not ours and is kept."""
    if value.startswith(CSV_QUOTE) and value[1:].startswith((*FORMULA_TRIGGERS, CSV_QUOTE)):
        return value[1:]
    return value


# CSV ----------------------------------------------------------------------------------------


def csv_cells(row: Iterable) -> list:
    """A row as CSV writes it: text formula-safe, dates dd/mm/yyyy (a moment with its time),
    None empty, numbers as they are."""
    return [
        (safe_csv_value(v) if v[:1] in _MAY_QUOTE else v)
        if type(v) is str
        else format_date(v)
        if type(v) is date
        else format_moment(v)
        if type(v) is datetime
        else ""
        if v is None
        else v
        for v in row
    ]


def csv_chunks(header: Sequence, rows: Iterable[Sequence]) -> Iterator[bytes]:
    """The whole CSV (byte order mark, header, rows), ROWS_PER_CHUNK rows a piece."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(csv_cells(header))
    batch = []
    for row in rows:
        batch.append(csv_cells(row))
        if len(batch) == ROWS_PER_CHUNK:
            writer.writerows(batch)
            batch.clear()
            yield _take(buffer)
    writer.writerows(batch)
    yield _take(buffer)


def _take(buffer: io.StringIO) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence], stream=False):
    """The CSV as a download named `filename`."""
    chunks = csv_chunks(header, rows)
    response = StreamingHttpResponse(chunks) if stream else HttpResponse(b"".join(chunks))
    return _attachment(response, filename, CSV_TYPE)


def write_csv(path: Path, header: Sequence, rows: Iterable[Sequence]) -> int:
    """The CSV into a file; returns the number of rows written."""
    counted = _Counted(rows)
    with open(path, "wb") as file:
        for chunk in csv_chunks(header, counted):
            file.write(chunk)
    return counted.count


# XLSX ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """How a sheet looks around its rows."""

    sheet: str = "Dữ liệu"
    # Lines above the header, one cell each ("" leaves a blank line).
    title: Sequence[str] = ()
    bold: bool = False  # the title and the header in bold
    widths: Sequence[float] = ()  # of the columns from A, in Excel's units
    # Indexes of the columns whose cells stay text whatever they hold (codes with leading
    # zeros, phone numbers), so that Excel does not read them as numbers.
    text_columns: frozenset[int] = frozenset()


def xlsx_file(header: Sequence, rows: Iterable[Sequence], layout: Layout = Layout()):
    """The workbook of one sheet: the title lines, the header, the rows. Returns an open file
    positioned at its start."""
    # Handed open to the response (or read), which closes it.
    output = tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY)  # noqa: SIM115
    _workbook(header, rows, layout).save(output)
    output.seek(0)
    return output


def xlsx_response(
    filename: str, header: Sequence, rows: Iterable[Sequence], layout=Layout(), stream=False
):
    """The XLSX as a download named `filename`."""
    output = xlsx_file(header, rows, layout)
    if stream:
        response = FileResponse(output, as_attachment=True, filename=filename)
    else:
        with output:
            response = HttpResponse(output.read())
    return _attachment(response, filename, XLSX_TYPE)


def write_xlsx(path: Path, header: Sequence, rows: Iterable[Sequence], layout=Layout()) -> int:
    """The XLSX into a file; returns the number of rows written."""
    counted = _Counted(rows)
    _workbook(header, counted, layout).save(path)
    return counted.count


def _workbook(header: Sequence, rows: Iterable[Sequence], layout: Layout) -> Workbook:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(layout.sheet)
    for n, width in enumerate(layout.widths, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    for line in layout.title:
        sheet.append([_heading(sheet, line, layout.bold)] if line else [])
    sheet.append([_heading(sheet, name, layout.bold) for name in header])
    text = layout.text_columns
    for row in rows:
        sheet.append([_cell(sheet, v, n in text) for n, v in enumerate(row)])
    return book


def _heading(sheet, text: str, bold: bool):
    cell = safe_cell(WriteOnlyCell(sheet), text)
    if bold:
        cell.font = Font(bold=True)
    return cell


def _cell(sheet, value, text: bool = False):
    """A plain value where openpyxl writes it as it is (a styled cell costs ten times more, a
    million cells in a national download); a cell for a date, a text column and for text
    safe_cell changes."""
    if text:
        cell = safe_cell(WriteOnlyCell(sheet), value)
        cell.number_format = TEXT_FORMAT
        return cell
    if type(value) is str and (value[:1] in _MAY_QUOTE or ILLEGAL_CHARACTERS_RE.search(value)):
        return safe_cell(WriteOnlyCell(sheet), value)
    if type(value) in (date, datetime):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = DATE_FORMAT if type(value) is date else MOMENT_FORMAT
        return cell
    return value


def _attachment(response, filename: str, content_type: str):
    response["Content-Type"] = content_type
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Counted:
    """The rows, counted as they are written."""

    def __init__(self, rows: Iterable):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row
