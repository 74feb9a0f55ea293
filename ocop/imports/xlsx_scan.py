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
from ocop.imports.safe_xml import feed, local, parse_small, stream_parser

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
    `r` sets the current row, the next row without one is the one after; a cell's `r` sets
    the position, a cell without one takes the next column). A cell counts when the reader
    gives it a value; the limits are checked as soon as a cell passes them, so a hostile
    sheet is not read to its end.

    Expat calls a handler for every element of the sheet (three or more per cell): they are
    closures over local variables, and only elements' starts are followed: a cell is
    settled when the next one (or row) starts. The reader too finds a <v>, <is> or <f>
    anywhere inside a cell, so depth is not followed either. Only a <v>'s text needs its end
    (a shared text's number, or whether it is empty), so an end handler is set while one is
    open. Before, with every start and end followed, the scan took 1.3 s of CPU for 50,000
    rows against 0.55 s for the reader's whole read (bench/bench_import.py)."""

    def __init__(self, name: str, limits: Limits, budget: Budget, shared: array):
        self.name, self.limits, self.budget, self.shared = name, limits, budget, shared
        self.uncomputed: list[tuple[int, int]] = []
        self.letters: dict[str, int] = {}  # column letters -> number, as met

    def run(self, chunks, part: str) -> None:
        parser = stream_parser(part)
        tags: dict[str, str] = {}  # element name as written -> without its prefix
        row, column = -1, 0  # the current row, the next cell's column, 0-based
        rows = columns = 0  # the used extent, from 1
        cells = 0  # cells with a value (the reader keeps each, also twice at one place)
        at = None  # the open cell's place, or None outside a cell
        kind = None  # the open cell's `t`
        valued = formula = False
        pieces: list[str] = []  # the text of the open <v>
        limits, uncomputed, position = self.limits, self.uncomputed, self._position
        most = limits.cells

        def settle() -> None:
            nonlocal at, rows, columns, cells
            if valued:
                r, c = at
                cells += 1
                if r >= rows or c >= columns:
                    rows, columns = max(rows, r + 1), max(columns, c + 1)
                    limits.check_sheet(self.name, rows, columns)
                if cells > most:
                    raise self._too_many()
            elif formula and len(uncomputed) < _KEPT_UNCOMPUTED:
                uncomputed.append(at)
            at = None

        def text_ended(name: str) -> None:
            nonlocal valued
            parser.CharacterDataHandler = parser.EndElementHandler = None
            if tags.get(name) != "v":  # an element inside a value: the reader's text is not ours
                raise UnreadableFile(damaged())
            if pieces:
                valued = self._shared(kind, pieces) or valued

        def opened(name: str, attributes: dict) -> None:
            nonlocal at, kind, valued, formula, pieces, row, column
            tag = tags.get(name)
            if tag is None:
                tag = tags[name] = local(name)
            if tag == "c":
                if at is not None:
                    settle()
                ref = attributes.get("r")
                at = position(ref) if ref is not None else (max(row, 0), column)
                column = at[1] + 1
                kind = attributes.get("t")
                valued = formula = False
            elif at is None:
                if tag == "row":
                    ref = attributes.get("r")
                    row, column = (row + 1 if ref is None else _row_number(ref) - 1), 0
            elif tag == "v":
                if kind in _INLINE:
                    return
                valued = valued or kind not in _EMPTY_WHEN_BLANK
                pieces = []
                parser.CharacterDataHandler = pieces.append
                parser.EndElementHandler = text_ended
            elif tag == "is":
                valued = True
            elif tag == "f":
                formula = True
            elif tag == "row":
                settle()
                ref = attributes.get("r")
                row, column = (row + 1 if ref is None else _row_number(ref) - 1), 0

        parser.StartElementHandler = opened
        feed(parser, chunks)
        if at is not None:
            settle()

    def _shared(self, kind: str | None, pieces: list[str]) -> bool:
        """Whether the text of a <v> gives the cell a value; a shared text's size is spent."""
        if kind != "s":
            return True
        if len(pieces) > 10:  # a number is one piece of text, split at most at a chunk's end
            raise UnreadableFile(damaged())
        index = "".join(pieces).strip()
        if not (index.isascii() and index.isdigit()) or len(index) > 10:
            raise UnreadableFile(damaged())
        if int(index) >= len(self.shared):
            raise UnreadableFile(damaged())
        self.budget.spend(self.shared[int(index)])
        return True

    def _too_many(self) -> UnreadableFile:
        return UnreadableFile(
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
