"""What a file really is, from its first bytes, whatever its name says: a zip package (.xlsx,
.ods), a compound file (.xls, or an .xlsx locked with a password), a web page or an XML 2003
workbook saved under a spreadsheet's name, or something else. Each kind we cannot read gets
a message saying what it is and what to do."""

import zipfile
from pathlib import Path

from ocop.imports.cfb import SIGNATURE, CompoundFile

SAVE_AS_XLSX = "mở tệp bằng Excel (hoặc LibreOffice) rồi lưu lại thành .xlsx và nhập tệp mới"


class UnreadableFile(ValueError):
    """The file cannot be read at all: wrong type, damaged, protected, too large."""

    def __init__(self, message: str, sheet: str = ""):
        super().__init__(message)
        self.sheet = sheet


def kind_of(path: Path) -> str:
    """'zip', 'ole', 'text' (CSV and anything else), after refusing web pages, XML 2003,
    PDF files, empty and password-protected files."""
    with path.open("rb") as file:
        head = file.read(4096)
    if not head:
        raise UnreadableFile("tệp rỗng (0 byte): lấy lại tệp gốc")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(SIGNATURE):
        _refuse_encrypted(path)
        return "ole"
    text = _ascii_start(head)
    if text.startswith(("<!doctype html", "<html", "<table", "<meta", "<head", "<body")):
        raise UnreadableFile(
            f"tệp này là một trang web (HTML) mang đuôi {path.suffix.lower()}, thường gặp "
            f"khi tải danh sách từ một trang web: {SAVE_AS_XLSX}"
        )
    if text.startswith("<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        raise UnreadableFile(
            f"tệp này là bảng tính XML 2003 (XML Spreadsheet) mang đuôi "
            f"{path.suffix.lower()}: {SAVE_AS_XLSX}"
        )
    if head.startswith(b"%PDF"):
        raise UnreadableFile("tệp này là tệp PDF, không phải bảng tính: cần tệp Excel gốc")
    return "text"


def refuse_wrong_spreadsheet(path: Path, kind: str) -> None:
    """A .xlsx/.xls/.ods file that holds neither a zip package nor a compound file."""
    if kind == "text":
        raise UnreadableFile(
            f"tệp không phải bảng tính {path.suffix.lower()} (nội dung là chữ thường hoặc "
            f"không nhận ra): nếu là CSV thì đổi đuôi thành .csv; nếu không, {SAVE_AS_XLSX}"
        )


def open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnreadableFile(damaged()) from None


def damaged() -> str:
    return (
        "tệp bị cắt cụt hoặc hỏng (có thể tải về hay sao chép chưa xong): lấy lại tệp gốc, "
        f"hoặc {SAVE_AS_XLSX}"
    )


def _refuse_encrypted(path: Path) -> None:
    try:
        names = CompoundFile(path.read_bytes()).names()
    except (ValueError, IndexError, KeyError, TypeError):
        raise UnreadableFile(damaged()) from None
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        raise UnreadableFile(
            "tệp được đặt mật khẩu (mã hoá), không đọc được: mở tệp bằng Excel, bỏ mật khẩu "
            "(Tệp › Thông tin › Bảo vệ Sổ làm việc › Mã hoá bằng Mật khẩu, xoá mật khẩu), "
            "lưu lại rồi nhập lại"
        )


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _ascii_start(head: bytes) -> str:
    for bom, codec in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :].decode(codec, "ignore").encode("ascii", "ignore")
            break
    return head.lstrip().decode("ascii", "ignore")[:200].lower()
