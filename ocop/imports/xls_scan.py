"""An .xls workbook checked before python-calamine opens it: the records of its Workbook
stream are walked, each sheet's used extent measured from its value cells (blank, formatted
cells do not count, as for the reader), and shared texts counted once per cell that shows
them (the reader copies them into each cell). A sheet's DIMENSIONS record is checked too,
although it says nothing of the cells: the reader reserves room for the whole rectangle it
declares before reading one cell (four billion rows abort the process)."""

import struct
from pathlib import Path

from ocop.imports.cfb import CompoundFile
from ocop.imports.filetype import SAVE_AS_XLSX, UnreadableFile, damaged
from ocop.imports.limits import Budget, Limits, number

_BOF, _EOF, _SHEET, _SST, _CONTINUE = 0x0809, 0x000A, 0x0085, 0x00FC, 0x003C
_LABEL_SST, _MULRK, _DIMENSIONS = 0x00FD, 0x00BD, 0x0200
# NUMBER, LABELSST, RK, LABEL, BOOLERR, FORMULA, RSTRING: row and column first.
_VALUE_CELLS = {0x0203, _LABEL_SST, 0x027E, 0x0204, 0x0205, 0x0006, 0x00D6}


def check_xls(path: Path, limits: Limits) -> None:
    try:
        book = CompoundFile(path.read_bytes())
        name = "Workbook" if "Workbook" in book.names() else "Book"
        stream = book.stream(name)
    except (ValueError, KeyError, IndexError, struct.error):
        raise UnreadableFile(damaged()) from None
    try:
        _walk(stream, limits)
    except (struct.error, IndexError):
        raise UnreadableFile(damaged()) from None


def _walk(stream: bytes, limits: Limits) -> None:
    names, strings, budget = {}, [], Budget(limits)
    budget.spend(len(stream))
    sheet, rows, columns = None, 0, 0
    for offset, kind, body in _records(stream):
        if kind == _SHEET:
            names[struct.unpack_from("<I", body)[0]] = _sheet_name(body)
        elif kind == _SST:
            strings = _sst_lengths(body, stream, offset)
        elif kind == _BOF and offset in names:
            sheet, rows, columns = names[offset], 0, 0
        elif kind == _DIMENSIONS and sheet is not None:
            _check_dimensions(sheet, body, limits)
        elif kind == _EOF and sheet is not None:
            limits.check_sheet(sheet, rows, columns)
            sheet = None
        elif sheet is not None and (kind in _VALUE_CELLS or kind == _MULRK):
            row, column = struct.unpack_from("<HH", body)
            if kind == _MULRK:
                column = struct.unpack_from("<H", body, len(body) - 2)[0]
            rows, columns = max(rows, row + 1), max(columns, column + 1)
            if kind == _LABEL_SST:
                budget.spend(strings[struct.unpack_from("<I", body, 6)[0]])
    if sheet is not None:
        limits.check_sheet(sheet, rows, columns)


def _check_dimensions(sheet: str, body: bytes, limits: Limits) -> None:
    """First row, last row + 1, first column, last column + 1 (16-bit rows before BIFF8)."""
    first_row, end_row, first_column, end_column = struct.unpack_from(
        "<IIHH" if len(body) >= 14 else "<HHHH", body
    )
    if first_row > end_row or first_column > end_column:
        raise UnreadableFile(damaged(), sheet)
    # Blank, formatted cells widen it without holding a value: only the room matters here.
    if end_row * end_column > limits.cells:
        raise UnreadableFile(
            f"trang khai báo vùng dữ liệu {number(end_row)} dòng × {number(end_column)} cột "
            f"(bản ghi DIMENSIONS), quá giới hạn {number(limits.cells)} ô "
            f"(OCOP_IMPORT_MAX_CELLS): tệp hỏng hoặc được tạo bất thường; {SAVE_AS_XLSX}",
            sheet,
        )


def _records(stream: bytes):
    offset = 0
    while offset + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, offset)
        yield offset, kind, stream[offset + 4 : offset + 4 + size]
        offset += 4 + size


def _sheet_name(body: bytes) -> str:
    length, wide = body[6], body[7] & 1
    raw = body[8 : 8 + length * (2 if wide else 1)]
    return raw.decode("utf-16-le" if wide else "latin-1", "replace")


def _sst_lengths(body: bytes, stream: bytes, offset: int) -> list[int]:
    """The length of each shared text, from the SST record and the CONTINUE records after
    it (a text may run from one record into the next, restating its width there)."""
    blocks = [body]
    offset += 4 + len(body)
    while offset + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, offset)
        if kind != _CONTINUE:
            break
        blocks.append(stream[offset + 4 : offset + 4 + size])
        offset += 4 + size
    reader = _Blocks(blocks)
    reader.skip(8)
    unique = struct.unpack_from("<I", body, 4)[0]
    lengths = []
    for _ in range(unique):
        if reader.at_end():
            break
        count, flags = reader.unpack("<HB")
        runs = reader.unpack("<H")[0] if flags & 0x08 else 0
        extra = reader.unpack("<I")[0] if flags & 0x04 else 0
        reader.characters(count, flags & 0x01)
        reader.skip(4 * runs + extra)
        lengths.append(count * 2)  # bytes as a Python string may hold them
    return lengths


class _Blocks:
    def __init__(self, blocks: list[bytes]):
        self.blocks, self.index, self.pos = blocks, 0, 0

    def at_end(self) -> bool:
        self._next_if_done()
        return self.index >= len(self.blocks)

    def unpack(self, fmt: str) -> tuple:
        self._next_if_done()
        block = self.blocks[self.index]
        values = struct.unpack_from(fmt, block, self.pos)
        self.pos += struct.calcsize(fmt)
        return values

    def characters(self, count: int, wide: int) -> None:
        while count:
            self._next_if_done(restates_width=True)
            if self.index >= len(self.blocks):
                raise IndexError("text past the end")
            if self.pos == 0 and self.index and self._restated:
                wide = self.blocks[self.index][0] & 1
                self.pos = 1
            width = 2 if wide else 1
            take = min(count, (len(self.blocks[self.index]) - self.pos) // width)
            if take == 0:
                raise IndexError("broken text")
            self.pos += take * width
            count -= take

    def skip(self, size: int) -> None:
        while size:
            self._next_if_done()
            if self.index >= len(self.blocks):
                raise IndexError("past the end")
            take = min(size, len(self.blocks[self.index]) - self.pos)
            self.pos += take
            size -= take

    def _next_if_done(self, restates_width: bool = False) -> None:
        self._restated = False
        if self.index < len(self.blocks) and self.pos >= len(self.blocks[self.index]):
            self.index, self.pos = self.index + 1, 0
            self._restated = restates_width
