"""Hand-written helpers that write the department's kinds of lists for the import tests."""

import csv
import io
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import openpyxl

from ocop.imports.engine import import_files
from ocop.registry.models import Decision, Producer, Product

HEADER = ["STT", "Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Số sao", "Số QĐ", "Ngày QĐ"]
TITLE = ["DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN OCOP"]


def row(
    n=1,
    product="Chè Shan tuyết Nậm Sỏ",
    producer="Hợp tác xã Chè Nậm Sỏ",
    address="Bản Mới, xã Nậm Sỏ, huyện Tân Uyên",
    stars=3,
    number="123/QĐ-UBND",
    decided_on=date(2023, 3, 15),
) -> list:
    return [n, product, producer, address, stars, number, decided_on]


def write_xlsx(path: Path, sheets: dict[str, list[list]], merged=None, hidden=()) -> Path:
    """`sheets`: sheet name -> rows (lists of cell values, row 1 first). `merged`: sheet name
    -> ranges such as "F4:G4"."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for values in rows:
            sheet.append(values)
        for cell_range in (merged or {}).get(name, ()):
            sheet.merge_cells(cell_range)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def write_xls(path: Path, sheets: dict[str, list[list]], merged=None) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    day_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        spans = (merged or {}).get(name, ())
        covered = {(r, c) for r0, c0, r1, c1 in spans for r in range(r0, r1 + 1)
                   for c in range(c0, c1 + 1)}  # fmt: skip
        for r0, c0, r1, c1 in spans:
            sheet.write_merge(r0, r1, c0, c1, rows[r0][c0] if c0 < len(rows[r0]) else "")
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                if (r, c) in covered or value is None:
                    continue
                if isinstance(value, date):
                    sheet.write(r, c, value, day_style)
                else:
                    sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_csv(path: Path, rows: list[list], encoding="utf-8", delimiter=",") -> Path:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter)
    for values in rows:
        writer.writerow(["" if v is None else v for v in values])
    if encoding == "cp1258":
        path.write_bytes(to_cp1258(text.getvalue()))
    else:
        path.write_bytes(text.getvalue().encode(encoding))
    return path


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """As Windows saves Vietnamese in code page 1258: letters it has whole, the others as a
    letter followed by a combining tone mark."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", char)
            tone = "".join(m for m in marks if m in _TONES)
            base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in _TONES))
            out.append((base + tone).encode("cp1258"))
    return b"".join(out)


def simple_list(path: Path, *rows: list, header=HEADER) -> Path:
    return write_xlsx(path, {"Năm 2023": [TITLE, [], header, *rows]})


def run(*paths, **options):
    return import_files(list(paths), **options)


def registry_state() -> tuple:
    """Everything an import writes, without ids and timestamps, to compare two databases."""
    producers = sorted(
        Producer.objects.values_list(
            "name", "kind", "tax_code", "address", "unit__code", "representative", "phone", "email"
        )
    )
    products = sorted(
        Product.objects.values_list(
            "name",
            "producer__name",
            "producer__unit__code",
            "unit__code",
            "address",
            "group_as_written",
            "product_set__key",
            "description",
        )
    )
    decisions = sorted(
        Decision.objects.values_list(
            "product__name",
            "product__producer__name",
            "stars",
            "score",
            "number",
            "decided_on",
            "issuer",
            "issuer_presumed",
            "criteria_version",
            "last_valid_day",
            "next_decided_on",
            "revoked_on",
            "revocation_number",
            "revocation_reason",
            "source",
        ),
        key=str,
    )
    return producers, products, decisions


_MANIFEST = (
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
    'opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
    'manifest:media-type="text/xml"/></manifest:manifest>'
)


def raw_ods(path: Path, rows: str, head: str = "") -> Path:
    """An .ods of one table, "Năm 2023", whose content.xml holds `rows` as written, after
    `head` (a DTD, say)."""
    content = head + (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:'
        'names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table '
        f'table:name="Năm 2023">{rows}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", content)
        package.writestr("META-INF/manifest.xml", _MANIFEST)
    return path
