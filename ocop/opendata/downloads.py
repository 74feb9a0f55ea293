"""Tables as download files: CSV and JSON streamed piece by piece (constant memory whatever the
registry's size), XLSX written by openpyxl's write-only workbook into a temporary file. Every
text goes through ocop.formula_injection, so no cell runs as a formula in a spreadsheet."""

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ocop.domain.dates import format_date
from ocop.formula_injection import CSV_QUOTE, FORMULA_TRIGGERS, safe_cell, safe_csv_value

# Rows per piece sent: big enough that the response is not thousands of tiny writes, small
# enough that memory stays flat.
ROWS_PER_CHUNK = 500
# An XLSX stays in memory up to this size, then goes to a temporary file on disk.
XLSX_IN_MEMORY = 8 * 1024 * 1024
BOM = "\ufeff"


# The first characters safe_csv_value may act on: other texts skip the call (a million cells
# in a national download), the rule itself stays in ocop.formula_injection.
_MAY_QUOTE = frozenset(t[0] for t in (*FORMULA_TRIGGERS, CSV_QUOTE))


def csv_cells(row: Iterable) -> list:
    return [
        (safe_csv_value(v) if v[:1] in _MAY_QUOTE else v)
        if type(v) is str
        else format_date(v)
        if type(v) is date
        else ""
        if v is None
        else v
        for v in row
    ]


def csv_chunks(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    """UTF-8 with a byte order mark, so that Excel reads the diacritics; dates dd/mm/yyyy."""
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


def json_chunks(head: dict, key: str, items: Iterable[dict]) -> Iterator[bytes]:
    """`head` with `key` holding the items as a list: {"as_of": ..., "products": [...]}."""
    opening = json.dumps({**head, key: []}, ensure_ascii=False)
    yield opening[:-2].encode("utf-8") + b"\n"  # ends with "[": `]}` closes after the items
    pieces = []
    for count, item in enumerate(items, start=1):
        pieces.append(("" if count == 1 else ",\n") + json.dumps(item, ensure_ascii=False))
        if count % ROWS_PER_CHUNK == 0:
            yield "".join(pieces).encode("utf-8")
            pieces = []
    pieces.append("\n]}\n")
    yield "".join(pieces).encode("utf-8")


def xlsx_file(title: str, header: list[str], rows: Iterable[list]):
    """A workbook of one sheet: a title line, a blank line, the header, the rows. Returns an
    open file positioned at its start; dates show dd/mm/yyyy, texts (codes with leading
    zeros too) stay text."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dữ liệu OCOP")
    sheet.append([safe_cell(WriteOnlyCell(sheet), title)])
    sheet.append([])
    sheet.append([safe_cell(WriteOnlyCell(sheet), name) for name in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    # Handed open to the response, which closes it once sent.
    output = tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY)  # noqa: SIM115
    book.save(output)
    output.seek(0)
    return output


def _cell(sheet, value):
    """A plain value where openpyxl writes it as it is (a styled cell costs ten times more, a
    million cells in a national download); a cell for a date and for text safe_cell changes."""
    if type(value) is str and (value[:1] in _MAY_QUOTE or ILLEGAL_CHARACTERS_RE.search(value)):
        return safe_cell(WriteOnlyCell(sheet), value)
    if type(value) is date:
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "dd/mm/yyyy"
        return cell
    return value
