"""An .ods package checked before python-calamine opens it: each part decompressed as a
stream under the unpacked limit, and each table's used extent measured from its rows and
cells, counting their repeats (one element may stand for 1,048,576 rows; a repeated cell with
content is copied by the reader as many times, and counted so)."""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ocop.imports.filetype import UnreadableFile, damaged, open_zip
from ocop.imports.limits import Budget, Limits

_CHUNK = 1 << 20
_NS = rb"(?:[\w.-]+:)?"
_TOKEN = re.compile(
    rb"<(/?)" + _NS + rb"(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)/?>"
)
_NAME = re.compile(rb'\bname="([^"]*)"')
_ROWS_REPEATED = re.compile(rb'number-rows-repeated="(\d{1,10})"')
_COLUMNS_REPEATED = re.compile(rb'number-columns-repeated="(\d{1,10})"')


@dataclass
class _Table:
    name: str
    row: int = 0  # rows passed so far
    rows: int = 0  # last row with content, from 1
    columns: int = 0
    row_repeat: int = 1
    column: int = 0  # cells passed in the current row
    row_has_value: bool = False
    cell_repeat: int = 0  # of the open cell with content, to count its text
    cell_end: int = 0


def check_ods(path: Path, limits: Limits) -> None:
    with open_zip(path) as package:
        try:
            _check(package, limits)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            if isinstance(exc, UnreadableFile):
                raise
            raise UnreadableFile(damaged()) from None


def _check(package: zipfile.ZipFile, limits: Limits) -> None:
    parts = package.infolist()
    Budget(limits).spend(sum(part.file_size for part in parts))
    budget = Budget(limits)
    for part in parts:
        if part.filename == "content.xml":
            _scan(package, part, limits, budget)
        else:
            for _ in _chunks(package, part, budget):
                pass


def _chunks(package, part, budget):
    with package.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            budget.spend(len(chunk))
            yield chunk


def _scan(package, part, limits: Limits, budget: Budget) -> None:
    table, carry = None, b""
    for chunk in _chunks(package, part, budget):
        data = carry + chunk
        cut = data.rfind(b">") + 1
        table = _tokens(data[:cut], table, limits, budget)
        carry = data[cut:]


def _tokens(piece: bytes, table: _Table | None, limits: Limits, budget: Budget):
    for match in _TOKEN.finditer(piece):
        closing, element, attributes = match.groups()
        if table is not None and table.cell_repeat:  # the text of the cell just passed
            budget.spend(table.cell_repeat * (match.start() - table.cell_end))
            table.cell_repeat = 0
        if element == b"table":
            if closing and table is not None:
                limits.check_sheet(table.name, table.rows, table.columns)
                table = None
            elif not closing:
                name = _NAME.search(attributes)
                table = _Table(name.group(1).decode("utf-8", "replace") if name else "")
        elif table is None or (closing and element != b"table-row"):
            continue
        elif element == b"table-row":
            _row(table, closing, attributes, limits)
        else:
            _cell(table, attributes, match.end(), limits)
    return table


def _row(table: _Table, closing: bytes, attributes: bytes, limits: Limits) -> None:
    if not closing:
        repeated = _ROWS_REPEATED.search(attributes)
        table.row_repeat = int(repeated.group(1)) if repeated else 1
        table.column, table.row_has_value = 0, False
        return
    table.row += table.row_repeat
    if table.row_has_value:
        table.rows = table.row
        if table.rows > limits.rows:
            limits.check_sheet(table.name, table.rows, table.columns)


def _cell(table: _Table, attributes: bytes, end: int, limits: Limits) -> None:
    repeated = _COLUMNS_REPEATED.search(attributes)
    count = int(repeated.group(1)) if repeated else 1
    table.column += count
    if b"value-type=" in attributes:
        table.row_has_value = True
        table.columns = max(table.columns, table.column)
        if table.columns > limits.columns:
            limits.check_sheet(table.name, table.row + 1, table.columns)
        table.cell_repeat, table.cell_end = count * table.row_repeat, end
