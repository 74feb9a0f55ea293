"""An .ods package checked before python-calamine opens it, from what its parts really hold.
Every part is decompressed as a stream under the unpacked limit; content.xml, the part the
reader reads, is parsed by expat as it comes (safe_xml.py: no DTD, so no entity expansion
and no outside file), whatever prefixes, quotes or spaces it uses. Each table's used extent
and cells are counted from its rows and cells with their repeats, before anything is
materialised: one element may stand for 1,048,576 rows, and a repeated cell with content is
copied by the reader as many times, so its text is spent as many times too."""

import zipfile
from dataclasses import dataclass
from pathlib import Path

from ocop.imports.filetype import SAVE_AS_XLSX, UnreadableFile, damaged, open_zip
from ocop.imports.limits import Budget, Limits, number
from ocop.imports.safe_xml import feed, local, stream_parser

_CHUNK = 1 << 20
_CONTENT = "content.xml"
_CELLS = {"table-cell", "covered-table-cell"}
# What the reader holds for a cell (python-calamine's value, 32 bytes) and a copy of it costs
# at least: 199,000 rows × 25 repeated numbers, a 1 KB file, took 593 MB to read.
_CELL = 32


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
    Budget(limits).spend(sum(part.file_size for part in parts))  # what the directory admits
    budget = Budget(limits)  # what the parts really hold
    for part in parts:
        chunks = _chunks(package, part, budget)
        if part.filename == _CONTENT:
            ContentScan(limits, budget).run(chunks)
        else:
            for _ in chunks:
                pass


def _chunks(package, part, budget):
    with package.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            budget.spend(len(chunk))
            yield chunk


@dataclass
class _Table:
    name: str
    row: int = 0  # rows passed so far
    rows: int = 0  # last row with content, from 1
    columns: int = 0  # last column with content, from 1
    cells: int = 0  # cells with content, repeats counted
    row_repeat: int = 1  # of the open row
    column: int = 0  # cells passed in the open row
    row_has_value: bool = False


class ContentScan:
    """The tables of content.xml. A cell has content when it says its type or holds an
    element (a paragraph of text); its attributes' values and what it holds, as written, are
    spent once per copy the reader makes (its columns repeated times its row's), and each copy
    past the first also the reader's cell: repeats cost the budget what the same cells written
    out would."""

    def __init__(self, limits: Limits, budget: Budget):
        self.limits, self.budget = limits, budget
        self.table: _Table | None = None
        self.nested = 0  # tables inside the open table (inside a cell): the reader skips them
        # The open cell's copies and the size of its attributes' values, and where its first
        # inner element starts.
        self.cell: tuple[int, int] | None = None
        self.content_start: int | None = None
        self.cell_valued = False

    def run(self, chunks) -> None:
        self.parser = stream_parser(_CONTENT)
        self.parser.StartElementHandler = self.opened
        self.parser.EndElementHandler = self.closed
        feed(self.parser, chunks)

    def opened(self, name: str, attributes: dict) -> None:
        tag = local(name)
        table = self.table
        if tag == "table":
            if table is None:
                self.table = _Table(_attribute(attributes, "name") or "")
            else:
                self.nested += 1
        elif table is None or self.nested:
            return
        elif self.cell is not None:
            self.cell_valued = True  # an element inside the cell: text, a link, a note
            if self.content_start is None:
                self.content_start = self.parser.CurrentByteIndex
        elif tag == "table-row":
            table.row_repeat = _repeat(attributes, "number-rows-repeated")
            table.column, table.row_has_value = 0, False
        elif tag in _CELLS:
            count = _repeat(attributes, "number-columns-repeated")
            table.column += count
            self.cell = (count * table.row_repeat, sum(map(len, attributes.values())))
            self.content_start = None
            self.cell_valued = _attribute(attributes, "value-type") is not None

    def closed(self, name: str) -> None:
        tag = local(name)
        table = self.table
        if table is None:
            return
        if tag == "table":
            if self.nested:
                self.nested -= 1
            else:
                self.limits.check_sheet(table.name, table.rows, table.columns)
                self.table = None
        elif self.nested:
            return
        elif tag in _CELLS and self.cell is not None:
            self._cell_ended(table)
        elif tag == "table-row" and self.cell is None:
            table.row += table.row_repeat
            if table.row_has_value:
                table.rows = table.row
                self.limits.check_sheet(table.name, table.rows, table.columns)

    def _cell_ended(self, table: _Table) -> None:
        copies, size = self.cell
        self.cell = None
        if not self.cell_valued:
            return
        table.row_has_value = True
        table.columns = max(table.columns, table.column)
        self.limits.check_sheet(table.name, table.row + 1, table.columns)
        table.cells += copies
        if table.cells > self.limits.cells:
            raise UnreadableFile(
                f"trang có hơn {number(self.limits.cells)} ô có giá trị (kể cả các ô lặp lại), "
                f"quá giới hạn (OCOP_IMPORT_MAX_CELLS): tệp được tạo bất thường; {SAVE_AS_XLSX}",
                table.name,
            )
        if self.content_start is not None:
            size += self.parser.CurrentByteIndex - self.content_start
        # A copy costs the reader its cell too, which the file did not pay for in bytes.
        self.budget.spend(copies * size + (copies - 1) * _CELL)


def _attribute(attributes: dict, wanted: str) -> str | None:
    """An attribute by its name without prefix ("table:name", "name")."""
    for key, value in attributes.items():
        if local(key) == wanted:
            return value
    return None


def _repeat(attributes: dict, wanted: str) -> int:
    text = _attribute(attributes, wanted)
    if text is None:
        return 1
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 10 or int(text) == 0:
        raise UnreadableFile(damaged())
    return int(text)
