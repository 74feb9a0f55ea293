"""An .xlsx package checked before python-calamine opens it: every part is decompressed as a
stream (which also checks its size and checksum against the zip directory), the total kept
under the unpacked limit, shared texts counted once per cell that shows them (the reader
copies them into each cell), and each sheet's used extent measured from its cells' own
references (a `<dimension>` element can say anything). Formula cells saved without their
computed value are noted, to be named instead of read as empty."""

import posixpath
import re
import zipfile
from array import array
from dataclasses import dataclass, field
from xml.etree import ElementTree

from ocop.imports.filetype import UnreadableFile, damaged, open_zip
from ocop.imports.limits import Budget, Limits

_CHUNK = 1 << 20
_NS = rb"(?:[\w.-]+:)?"  # some writers prefix every element ("<x:c>")
# A cell with content (a self-closing <c .../> holds only a style and the reader skips it).
_VALUE_CELL = re.compile(rb"<" + _NS + rb'c\s[^>]*?\br="([A-Z]{1,4})(\d{1,8})"[^>]*(?<!/)>')
_CELL = re.compile(rb"<" + _NS + rb"c[\s>/]")
_CELL_WITH_REF = re.compile(rb"<" + _NS + rb'c\s[^>]*?\br="')
_ROW = re.compile(rb"<" + _NS + rb"row[\s>/]")
_SHARED_CELL = re.compile(
    rb"<" + _NS + rb'c\s[^>]*?\bt="s"[^>]*>\s*<' + _NS + rb"v>\s*(\d{1,10})\s*<"
)
_UNCOMPUTED = re.compile(
    rb"<" + _NS + rb"c\s([^>]*)>\s*<" + _NS + rb"f\b[^>]*(?:/>|>[^<]*</" + _NS + rb"f>)\s*"
    rb"(?:<" + _NS + rb"v\s*/>|<" + _NS + rb"v>\s*</" + _NS + rb"v>)?\s*</" + _NS + rb"c>"
)
_REF = re.compile(rb'\br="([A-Z]{1,4})(\d{1,8})"')
_SHARED_ITEM = re.compile(rb"<" + _NS + rb"si[\s>/]")
_MAX_PARTS = 10_000
_KEPT_UNCOMPUTED = 1000
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class SheetExtent:
    rows: int = 0
    columns: int = 0
    positional_rows: int = 0
    # (row, column), 0-based, of formula cells saved without a computed value.
    uncomputed: list[tuple[int, int]] = field(default_factory=list)


def check_xlsx(path, limits: Limits) -> dict[str, list[tuple[int, int]]]:
    """Refuses the package with UnreadableFile, or returns, per sheet name, its formula cells
    without a computed value."""
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
    shared = None
    if "xl/sharedStrings.xml" in package.namelist():
        shared = _shared_lengths(package, budget)
    uncomputed = {}
    for part in parts:
        name = sheets.get(part.filename)
        if name is None:
            if part.filename != "xl/sharedStrings.xml":
                _drain(package, part, budget)
            continue
        extent = _scan_sheet(package, part, budget, shared)
        rows = max(extent.rows, extent.positional_rows)
        limits.check_sheet(name, rows, extent.columns)
        if extent.uncomputed:
            uncomputed[name] = extent.uncomputed
    return uncomputed


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Part path -> sheet name, from the workbook and its relationships (small parts, read
    whole once the directory says they are small)."""
    names = set(package.namelist())
    found = {}
    if "xl/workbook.xml" not in names:
        return found
    for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        if part in names and package.getinfo(part).file_size > 10 * 1024 * 1024:
            raise UnreadableFile(damaged())
    targets = {}
    if "xl/_rels/workbook.xml.rels" in names:
        rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
        for rel in rels.iter(f"{_REL}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            targets[rel.get("Id")] = posixpath.normpath(path)
    book = ElementTree.fromstring(package.read("xl/workbook.xml"))
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


def _shared_lengths(package, budget) -> array:
    """The length in bytes of each shared text, in order."""
    lengths, last = array("Q"), None
    offset = 0
    for piece in _pieces(package, package.getinfo("xl/sharedStrings.xml"), budget, b"si>"):
        starts = [m.start() + offset for m in _SHARED_ITEM.finditer(piece)]
        for start in starts:
            if last is not None:
                lengths.append(start - last)
            last = start
        offset += len(piece)
    if last is not None:
        lengths.append(offset - last)
    return lengths


def _pieces(package, part, budget, end: bytes):
    """The part's text cut after a closing tag, so that no tag is split across pieces."""
    carry = b""
    for chunk in _chunks(package, part, budget):
        data = carry + chunk
        cut = data.rfind(end)
        if cut < 0:
            carry = data
            continue
        yield data[: cut + len(end)]
        carry = data[cut + len(end) :]
    if carry:
        yield carry


def _scan_sheet(package, part, budget: Budget, shared) -> SheetExtent:
    extent = SheetExtent()
    for piece in _pieces(package, part, budget, b"row>"):
        _measure(piece, extent)
        if shared is not None:
            _spend_shared(piece, shared, budget)
        if len(extent.uncomputed) < _KEPT_UNCOMPUTED:
            _note_uncomputed(piece, extent)
    return extent


def _measure(piece: bytes, extent: SheetExtent) -> None:
    refs = _VALUE_CELL.findall(piece)
    if refs:
        extent.columns = max(extent.columns, max(map(column_number, {c for c, _ in refs})))
        extent.rows = max(extent.rows, max(map(int, {r for _, r in refs})))
    if len(_CELL.findall(piece)) > len(_CELL_WITH_REF.findall(piece)):
        # Cells without a reference sit after the previous one; rows after the previous row.
        rows = _ROW.split(piece)
        extent.positional_rows += len(rows) - 1
        widest = max(len(_CELL.findall(row)) for row in rows)
        extent.columns = max(extent.columns, widest)


def _spend_shared(piece: bytes, shared: array, budget: Budget) -> None:
    indexes = _SHARED_CELL.findall(piece)
    if not indexes:
        return
    try:
        budget.spend(sum(map(shared.__getitem__, map(int, indexes))))
    except IndexError:
        raise UnreadableFile(damaged()) from None


def _note_uncomputed(piece: bytes, extent: SheetExtent) -> None:
    for attributes in _UNCOMPUTED.findall(piece):
        ref = _REF.search(attributes)
        if ref:
            letters, row = ref.groups()
            extent.uncomputed.append((int(row) - 1, column_number(letters) - 1))


def column_number(letters: bytes) -> int:
    """b'A' -> 1, b'CV' -> 100, b'XFD' -> 16384."""
    n = 0
    for letter in letters:
        n = n * 26 + letter - 64
    return n
