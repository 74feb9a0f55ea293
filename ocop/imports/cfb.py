"""The Compound File (OLE) container of old Excel workbooks (.xls) and of password-protected
.xlsx files: just enough to list its streams and read one, for the checks made before a
workbook is opened. Every index is bounds-checked: a damaged or hostile file raises
ValueError, never loops or allocates more than the file itself."""

import struct

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_STREAM, _ROOT = 2, 5


class CompoundFile:
    def __init__(self, data: bytes):
        if len(data) < 512 or not data.startswith(SIGNATURE):
            raise ValueError("not a compound file")
        self.data = data
        self.sector = 1 << _u16(data, 0x1E)
        self.mini_sector = 1 << _u16(data, 0x20)
        if self.sector not in (512, 4096) or self.mini_sector != 64:
            raise ValueError("bad sector size")
        self.cutoff = _u32(data, 0x38)
        self.fat = self._fat()
        self.entries = self._directory()
        root = next((e for e in self.entries.values() if e[0] == _ROOT), None)
        self.mini_stream = self._chain(root[1], root[2]) if root else b""
        self.mini_fat = self._table(self._chain(_u32(data, 0x3C), None))

    def names(self) -> set[str]:
        return set(self.entries)

    def stream(self, name: str) -> bytes:
        _, start, size = self.entries[name]
        if size < self.cutoff:
            return self._mini_chain(start, size)
        return self._chain(start, size)

    def _fat(self) -> list[int]:
        header = self.data
        sectors = list(struct.unpack_from("<109I", header, 0x4C))
        difat, count = _u32(header, 0x44), _u32(header, 0x48)
        for _ in range(min(count, self._sector_count())):
            block = self._sector(difat)
            values = struct.unpack(f"<{len(block) // 4}I", block)
            sectors.extend(values[:-1])
            difat = values[-1]
        used = [s for s in sectors[: _u32(header, 0x2C)] if s < self._sector_count()]
        return self._table(b"".join(self._sector(s) for s in used))

    def _directory(self) -> dict[str, tuple[int, int, int]]:
        raw = self._chain(_u32(self.data, 0x30), None)
        entries = {}
        for offset in range(0, len(raw) - 127, 128):
            length = min(_u16(raw, offset + 64), 64)
            kind = raw[offset + 66]
            if kind not in (_STREAM, _ROOT) or length < 2:
                continue
            name = raw[offset : offset + length - 2].decode("utf-16-le", "replace")
            size = struct.unpack_from("<Q", raw, offset + 120)[0]
            if self.sector == 512:
                size &= 0xFFFFFFFF  # version 3 files leave the high half undefined
            entries.setdefault(name, (kind, _u32(raw, offset + 116), size))
        return entries

    def _sector_count(self) -> int:
        return max(len(self.data) // self.sector - 1, 0)

    def _sector(self, index: int) -> bytes:
        if index >= self._sector_count():
            raise ValueError("sector out of range")
        start = (index + 1) * self.sector
        return self.data[start : start + self.sector]

    def _chain(self, start: int, size: int | None) -> bytes:
        return self._follow(start, size, self.fat, self._sector, self.sector)

    def _mini_chain(self, start: int, size: int) -> bytes:
        def mini(index: int) -> bytes:
            offset = index * self.mini_sector
            if offset + self.mini_sector > len(self.mini_stream):
                raise ValueError("mini sector out of range")
            return self.mini_stream[offset : offset + self.mini_sector]

        return self._follow(start, size, self.mini_fat, mini, self.mini_sector)

    @staticmethod
    def _follow(start, size, table, read, unit) -> bytes:
        parts, index, seen = [], start, 0
        wanted = len(table) if size is None else -(-size // unit)
        while index != _END_OF_CHAIN and seen < wanted:
            if index >= len(table):
                raise ValueError("broken chain")
            parts.append(read(index))
            index, seen = table[index], seen + 1
        data = b"".join(parts)
        if size is not None and len(data) < size:
            raise ValueError("stream shorter than its size")
        return data if size is None else data[:size]

    @staticmethod
    def _table(raw: bytes) -> list[int]:
        return list(struct.unpack(f"<{len(raw) // 4}I", raw[: len(raw) // 4 * 4]))


def _u16(data: bytes, offset: int) -> int:
    return struct.unpack_from("<H", data, offset)[0]


def _u32(data: bytes, offset: int) -> int:
    return struct.unpack_from("<I", data, offset)[0]
