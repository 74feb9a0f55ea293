"""An .xlsx package checked before python-calamine opens it, from what its parts really
hold, never from what they declare. Every part is decompressed as a stream (which also
checks its size and checksum against the zip directory) and its XML parsed by expat as it
comes (safe_xml.py: no DTD), the total kept under the unpacked limit. Each sheet's used
extent is followed cell by cell as the reader will place them: a cell without a reference
sits after the previous one, a row without one after the previous row, whatever quotes or
spaces its attributes use; a `<dimension>` element can say anything and is ignored. Shared
texts are counted once per cell that shows them (the reader copies them into each cell), and
the reader's table of them from the count it declares (it reserves that many at once).
Formula cells saved without their computed value are noted, to be named instead of read as
empty."""

import posixpath
import zipfile
from array import array

from ocop.imports.filetype import SAVE_AS_XLSX, UnreadableFile, damaged, open_zip
from ocop.imports.limits import Budget, Limits, number
from ocop.imports.safe_xml import feed, parse_small, stream_parser

_CHUNK = 1 << 20
_MAX_PARTS = 10_000
_KEPT_UNCOMPUTED = 1000
_SMALL_PART = 10 * 1024 * 1024
# What the reader keeps for each shared text before its characters (a Rust String).
_SHARED_ENTRY = 24
_SHARED = "xl/sharedStrings.xml"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Value types whose empty <v></v> the reader leaves an empty cell (others make an empty text).
_EMPTY_WHEN_BLANK = {None, "n", "s", "b", "e"}
_INLINE = {"inlineStr", "is"}


def check_xlsx(path, limits: Limits) -> dict[str, list[tuple[int, int]]]:
    """Refuses the package with UnreadableFile, or returns, per sheet name, its formula cells
    without a computed value, as (row, column), 0-based."""
    with open_zip(path) as package:
        try:
            return _check(package, limits)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            if isinstance(exc, UnreadableFile):
                raise
            raise UnreadableFile(damaged()) from None


def _check(package: zipfile.ZipFile, limits: Limits) -> dict[str, list[tuple[int, int]]]:
    parts = package.infolist()
    if len(parts) > _MAX_PARTS:
        raise UnreadableFile(f"tệp có {len(parts)} phần bên trong, bất thường: {damaged()}")
    Budget(limits).spend(sum(part.file_size for part in parts))  # what the directory admits
    budget = Budget(limits)  # what the parts really hold
    sheets = _sheet_parts(package)
    shared = _shared_lengths(package, budget) if _SHARED in package.namelist() else array("Q")
    uncomputed = {}
    for part in parts:
        name = sheets.get(part.filename)
        if name is None:
            if part.filename != _SHARED:
                _drain(package, part, budget)
            continue
        scan = SheetScan(name, limits, budget, shared)
        scan.run(_chunks(package, part, budget), part.filename)
        if scan.uncomputed:
            uncomputed[name] = scan.uncomputed
    return uncomputed


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Part path -> sheet name, from the workbook and its relationships (small parts, read
    whole once the directory says they are small)."""
    names = set(package.namelist())
    found = {}
    if "xl/workbook.xml" not in names:
        return found
    for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        if part in names and package.getinfo(part).file_size > _SMALL_PART:
            raise UnreadableFile(damaged())
    targets = {}
    if "xl/_rels/workbook.xml.rels" in names:
        rels = parse_small(package.read("xl/_rels/workbook.xml.rels"), "xl/_rels/workbook.xml.rels")
        for rel in rels.iter(f"{_REL}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            targets[rel.get("Id")] = posixpath.normpath(path)
    book = parse_small(package.read("xl/workbook.xml"), "xl/workbook.xml")
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and targets.get(sheet.get(_DOC_REL)):
            found[targets[sheet.get(_DOC_REL)]] = sheet.get("name", "")
    # A worksheet part no relationship names is read by nobody; check it all the same.
    for name in names:
        if name.startswith("xl/worksheets/") and name.endswith(".xml") and name not in found:
            found[name] = name
    return found


def _chunks(package: zipfile.ZipFile, part: zipfile.ZipInfo, budget: Budget):
    with package.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            budget.spend(len(chunk))
            yield chunk


def _drain(package, part, budget) -> None:
    for _ in _chunks(package, part, budget):
        pass


def local(name: str) -> str:
    """'x:row' -> 'row': some writers prefix every element, and the reader ignores it."""
    return name[name.index(":") + 1 :] if ":" in name else name


def _shared_lengths(package, budget: Budget) -> array:
    """The size in bytes of each shared text as written (at least what the reader holds of
    it), in order. The reader reserves room for as many texts as the table declares, so that
    count is spent too: a table declaring four billion asks for 96 GB before reading one."""
    lengths, declared = array("Q"), []
    parser = stream_parser(_SHARED)
    start = 0

    def opened(name, attributes):
        nonlocal start
        tag = local(name)
        if tag == "si":
            start = parser.CurrentByteIndex
        elif tag == "sst" and "uniqueCount" in attributes:
            declared.append(attributes["uniqueCount"])

    def closed(name):
        if local(name) == "si":
            lengths.append(parser.CurrentByteIndex - start)

    parser.StartElementHandler, parser.EndElementHandler = opened, closed
    feed(parser, _chunks(package, package.getinfo(_SHARED), budget))
    count = _declared_count(declared[0]) if declared else 0
    if count > len(lengths) and count * _SHARED_ENTRY > budget.limit:
        raise UnreadableFile(
            f"phần chữ dùng chung ({_SHARED}) khai báo {number(count)} chữ (uniqueCount) nhưng "
            f"chỉ chứa {number(len(lengths))}: tệp hỏng hoặc được tạo bất thường; {SAVE_AS_XLSX}"
        )
    budget.spend(_SHARED_ENTRY * max(count, len(lengths)))
    return lengths


def _declared_count(text: str) -> int:
    if not (text.strip().isascii() and text.strip().isdigit()):
        raise UnreadableFile(damaged())
    return int(text)


class SheetScan:
    """One worksheet's cells, followed as the reader places them (python-calamine: a row's
    `r` sets the current row, its end moves to the next one; a cell's `r` sets the position,
    a cell without one takes the next column). A cell counts when the reader gives it a
    value; the limits are checked as soon as a cell passes them, so a hostile sheet is not
    read to its end. Inside a cell the parser calls other handlers (a cell's insides are
    most of a sheet: the fewer tests there, the faster)."""

    def __init__(self, name: str, limits: Limits, budget: Budget, shared: array):
        self.name, self.limits, self.budget, self.shared = name, limits, budget, shared
        self.row = self.column = 0  # where the next cell goes, 0-based
        self.rows = self.columns = 0  # the used extent, from 1
        self.cells = 0  # cells with a value (the reader keeps each, also twice at one place)
        self.uncomputed: list[tuple[int, int]] = []
        self.cell = (0, 0)  # the open cell's place
        self.kind = None  # the open cell's `t`
        self.valued = self.formula = False
        self.index: list[str] = []  # the shared text's number, as the open <v> writes it
        self.depth = 0  # elements open inside the cell
        self.capturing = False  # the text of the open <v> is wanted
        self.letters: dict[str, int] = {}  # column letters -> number, as met

    def run(self, chunks, part: str) -> None:
        self.parser = stream_parser(part)
        self.parser.StartElementHandler = self.opened
        self.parser.EndElementHandler = self.closed
        feed(self.parser, chunks)

    def opened(self, name: str, attributes: dict) -> None:
        tag = local(name)
        if tag == "c":
            ref = attributes.get("r")
            self.cell = self._position(ref) if ref is not None else (self.row, self.column)
            self.kind = attributes.get("t")
            self.valued = self.formula = self.capturing = False
            self.depth = 0
            self.parser.StartElementHandler = self.opened_in_cell
            self.parser.EndElementHandler = self.closed_in_cell
        elif tag == "row":
            ref = attributes.get("r")
            if ref is not None:
                self.row = _row_number(ref) - 1

    def closed(self, name: str) -> None:
        if local(name) == "row":
            self.row, self.column = self.row + 1, 0

    def opened_in_cell(self, name: str, attributes: dict) -> None:
        self.depth += 1
        if self.depth > 1:
            return
        tag = local(name)
        if tag == "v":
            if self.kind in _INLINE:
                return
            self.valued = self.valued or self.kind not in _EMPTY_WHEN_BLANK
            self.index, self.capturing = [], True
            self.parser.CharacterDataHandler = self._index if self.kind == "s" else self._text
        elif tag == "is":
            self.valued = True
        elif tag == "f":
            self.formula = True

    def _text(self, text: str) -> None:
        self.valued = True

    def _index(self, text: str) -> None:
        self.index.append(text)
        if len(self.index) > 10:  # a number is one piece of text, split at most at a chunk's end
            raise UnreadableFile(damaged())

    def closed_in_cell(self, name: str) -> None:
        if self.depth:
            if self.capturing and self.depth == 1:
                self.parser.CharacterDataHandler, self.capturing = None, False
                if self.index:
                    self._spend_shared("".join(self.index))
            self.depth -= 1
            return
        self.parser.StartElementHandler = self.opened
        self.parser.EndElementHandler = self.closed
        row, column = self.cell
        self.column = column + 1
        if self.valued:
            self._count(row + 1, column + 1)
        elif self.formula and len(self.uncomputed) < _KEPT_UNCOMPUTED:
            self.uncomputed.append((row, column))

    def _spend_shared(self, text: str) -> None:
        index = text.strip()
        if not (index.isascii() and index.isdigit()) or len(index) > 10:
            raise UnreadableFile(damaged())
        if int(index) >= len(self.shared):
            raise UnreadableFile(damaged())
        self.valued = True
        self.budget.spend(self.shared[int(index)])

    def _count(self, row: int, column: int) -> None:
        self.cells += 1
        if row > self.rows or column > self.columns:
            self.rows, self.columns = max(self.rows, row), max(self.columns, column)
            self.limits.check_sheet(self.name, self.rows, self.columns)
        if self.cells > self.limits.cells:
            raise UnreadableFile(
                f"trang có hơn {number(self.limits.cells)} ô có giá trị (kể cả các ô ghi trùng "
                f"một vị trí), quá giới hạn (OCOP_IMPORT_MAX_CELLS): tệp được tạo bất thường; "
                f"{SAVE_AS_XLSX}",
                self.name,
            )

    def _position(self, ref: str) -> tuple[int, int]:
        """'B3' -> (2, 1): (row, column), 0-based."""
        letters = ref.rstrip("0123456789")
        digits = ref[len(letters) :]  # ASCII digits only, by the strip
        column = self.letters.get(letters)
        if column is None:
            if not (letters.isascii() and letters.isalpha()) or len(letters) > 7:
                raise UnreadableFile(damaged())
            column = column_number(letters)
            if len(self.letters) < 20_000:  # every column of a sheet, never more
                self.letters[letters] = column
        if not 0 < len(digits) <= 10 or digits == "0" * len(digits):
            raise UnreadableFile(damaged())
        return int(digits) - 1, column - 1


def _row_number(ref: str) -> int:
    if not (ref.isascii() and ref.isdigit()) or len(ref) > 10 or int(ref) == 0:
        raise UnreadableFile(damaged())
    return int(ref)


def column_number(letters: str) -> int:
    """'A' -> 1, 'cv' -> 100, 'XFD' -> 16384."""
    n = 0
    for letter in letters.upper():
        n = n * 26 + ord(letter) - 64
    return n
