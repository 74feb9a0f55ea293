"""How much an import file may hold (docs/configuration.md, OCOP_IMPORT_MAX_*), and the
messages that refuse a file going past it. The readers check these before any cell is
materialised: python-calamine holds a sheet's whole used rectangle (32 bytes a cell, however
few are filled), so a 1.6 KB file naming cell XFD1048576 would otherwise ask for 512 GB."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from ocop.imports.filetype import UnreadableFile
from ocop.imports.header import column_letter

_MB = 1024 * 1024
_TRIM = "xoá các dòng, cột thừa (kể cả ô chỉ có một dấu cách) rồi lưu lại"


def number(n: int) -> str:
    """12345678 -> '12.345.678', as Vietnamese writes it."""
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    unpacked_bytes: int
    rows: int
    columns: int
    cells: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            settings.OCOP_IMPORT_MAX_FILE_MB * _MB,
            settings.OCOP_IMPORT_MAX_UNPACKED_MB * _MB,
            settings.OCOP_IMPORT_MAX_ROWS,
            settings.OCOP_IMPORT_MAX_COLUMNS,
            settings.OCOP_IMPORT_MAX_CELLS,
        )

    def check_file_size(self, path: Path) -> None:
        self.check_bytes(path.stat().st_size)

    def check_bytes(self, size: int) -> None:
        """A file of `size` bytes (an upload before it is stored)."""
        if size > self.file_bytes:
            raise UnreadableFile(
                f"tệp nặng {_megabytes(size)} MB, quá giới hạn {_megabytes(self.file_bytes)} MB "
                "(OCOP_IMPORT_MAX_FILE_MB); một danh sách thật chỉ nặng vài trăm KB: kiểm tra "
                "lại có đúng tệp không, hoặc xoá các trang, hình ảnh không cần rồi lưu lại"
            )

    def check_sheet(self, sheet: str, rows: int, columns: int) -> None:
        """`rows`, `columns`: the last used row and column, counted from 1."""
        if rows > self.rows:
            raise UnreadableFile(
                f"trang có ô ở dòng {number(rows)}, quá giới hạn {number(self.rows)} dòng "
                f"(OCOP_IMPORT_MAX_ROWS): {_TRIM}",
                sheet,
            )
        if columns > self.columns:
            raise UnreadableFile(
                f"trang có ô ở cột {column_letter(columns - 1)} (cột thứ {number(columns)}), "
                f"quá giới hạn {number(self.columns)} cột (OCOP_IMPORT_MAX_COLUMNS): {_TRIM}",
                sheet,
            )
        if rows * columns > self.cells:
            raise UnreadableFile(
                f"vùng dữ liệu của trang rộng {number(rows)} dòng × {number(columns)} cột, "
                f"quá giới hạn {number(self.cells)} ô (OCOP_IMPORT_MAX_CELLS): {_TRIM}",
                sheet,
            )


class Budget:
    """The unpacked bytes a file may still use, spent as its parts are read."""

    def __init__(self, limits: Limits):
        self.limit = limits.unpacked_bytes
        self.used = 0

    def spend(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            raise UnreadableFile(
                f"nội dung giải nén của tệp vượt quá {_megabytes(self.limit)} MB "
                '(OCOP_IMPORT_MAX_UNPACKED_MB): tệp nén bất thường (có thể là một "bom nén") '
                f"hoặc chứa rất nhiều dữ liệu thừa; {_TRIM}"
            )


def _megabytes(size: int) -> str:
    return f"{size / _MB:.1f}".replace(".", ",").removesuffix(",0")
