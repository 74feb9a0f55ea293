"""Hostile and broken files are refused early, in Vietnamese, within bounded memory, and
every refusal leaves an import record. The files are built here, by hand where a library
would not write them (a sheet naming cell XFD1048576, a zip bomb, a locked workbook)."""

import struct
import zipfile
from pathlib import Path

import pytest

from ocop.imports.models import ImportRun
from ocop.registry.models import Decision, Producer, Product
from tests.capped_import import assert_refused, migrated
from tests.workbooks import HEADER, TITLE, raw_ods, row, run, write_csv, write_xls

pytestmark = pytest.mark.django_db

_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
    'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
    'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlforma'
    'ts.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_BOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Năm 2023" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlforma'
    'ts.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"


def raw_xlsx(path: Path, sheet_data: str = "", filler: int = 0) -> Path:
    """A workbook of one sheet, "Năm 2023", whose <sheetData> is written as given; `filler`
    bytes of spaces after it make a zip bomb (they compress a thousandfold)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("xl/workbook.xml", _BOOK)
        package.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((_SHEET_START + sheet_data).encode())
            block = b" " * (1 << 20)
            for _ in range(filler // len(block)):
                sheet.write(block)
            sheet.write(_SHEET_END.encode())
    return path


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def list_sheet_data(*rows: list[str]) -> str:
    """The usual header in row 1, then one row of inline texts per list."""
    cells = [HEADER, *rows]
    out = []
    for r, values in enumerate(cells, start=1):
        row_cells = "".join(text_cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(values) if v)
        out.append(f'<row r="{r}">{row_cells}</row>')
    return "".join(out)


def locked_xlsx(path: Path) -> Path:
    """What Excel writes for a workbook with a password: a compound file holding the
    EncryptionInfo and EncryptedPackage streams instead of a zip package."""
    sector, end, free = 512, 0xFFFFFFFE, 0xFFFFFFFF
    fat = [0xFFFFFFFD, end, *range(3, 10), end, *range(11, 18), end]
    fat += [free] * (128 - len(fat))
    header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16))
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", 0, *[free] * 108)

    def entry(name: str, kind: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        raw = encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
        raw += struct.pack("<III", free, free, free) + bytes(16 + 4 + 16)
        return raw + struct.pack("<IQ", start, size)

    directory = entry("Root Entry", 5, end, 0) + entry("EncryptionInfo", 2, 2, 4096)
    directory += entry("EncryptedPackage", 2, 10, 4096) + bytes(128)
    body = struct.pack("<128I", *fat) + directory + b"\x07" * 8192
    path.write_bytes(bytes(header) + body)
    assert len(header) == sector
    return path


# --- the files that used to abort or exhaust the process: a real `ocop import`, capped ---


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    return migrated(tmp_path_factory.mktemp("hostile"))


def sparse(path: Path, last: str) -> Path:
    return raw_xlsx(path, f'<row r="1">{text_cell("A1", "x")}</row><row r="{last[1]}">'
                          f'<c r="{last[0]}{last[1]}"><v>1</v></c></row>')  # fmt: skip


def junk_csv(path: Path, rows: int) -> Path:
    path.write_text("STT,x,y\n" + "1,rác,rác\n" * rows, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        (
            "xfd.xlsx",
            lambda path: sparse(path, ("XFD", 1048576)),
            "Năm 2023 — không đọc được tệp: trang có ô ở dòng 1.048.576, quá giới hạn "
            "200.000 dòng (OCOP_IMPORT_MAX_ROWS)",
        ),
        (
            "zz.xlsx",
            lambda path: sparse(path, ("ZZ", 100000)),
            "trang có ô ở cột ZZ (cột thứ 702), quá giới hạn 100 cột",
        ),
        (
            "bom-nen.xlsx",
            lambda path: raw_xlsx(path, list_sheet_data(), filler=300 * 1024 * 1024),
            "nội dung giải nén của tệp vượt quá 100 MB (OCOP_IMPORT_MAX_UNPACKED_MB)",
        ),
        (
            "rac.csv",
            lambda path: junk_csv(path, 250_000),
            "trang có ô ở dòng 200.001, quá giới hạn 200.000 dòng",
        ),
    ],
)
def test_it_refuses_a_file_past_the_limits_before_reading_its_cells(
    database, tmp_path, name, make, message
):
    path = make(tmp_path / name)
    assert len(assert_refused(database, path, message)) < 5000


def test_it_refuses_a_file_larger_than_the_file_limit(database, tmp_path):
    path = tmp_path / "lon.csv"
    path.write_bytes(b"STT\n" + b"1\n" * (26 * 1024 * 1024))
    message = "lon.csv — không đọc được tệp: tệp nặng 52 MB, quá giới hạn 50 MB"
    assert_refused(database, path, message)


# --- broken and disguised files: a message saying what the file is and what to do ---


def refused(path: Path) -> str:
    result = run(path)
    assert not result.ok
    assert [run.status for run in ImportRun.objects.filter(file_name=path.name)] == ["refused"]
    return "\n".join(result.lines())


def test_it_says_a_web_page_saved_as_xls_is_a_web_page(tmp_path):
    path = tmp_path / "tai-ve.xls"
    path.write_text("<html><body><table><tr><td>STT</td></tr></table></body></html>")
    text = refused(path)
    assert "tệp này là một trang web (HTML) mang đuôi .xls" in text
    assert "lưu lại thành .xlsx" in text


def test_it_says_a_truncated_workbook_is_truncated(tmp_path):
    whole = raw_xlsx(tmp_path / "du.xlsx", list_sheet_data(row()))
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole.read_bytes()[:600])
    text = refused(path)
    assert "tệp bị cắt cụt hoặc hỏng (có thể tải về hay sao chép chưa xong)" in text
    assert "EOCD" not in text


def test_it_asks_for_the_password_to_be_removed_from_a_locked_workbook(tmp_path):
    text = refused(locked_xlsx(tmp_path / "mat-khau.xlsx"))
    assert "tệp được đặt mật khẩu (mã hoá), không đọc được" in text
    assert "bỏ mật khẩu" in text


def test_it_refuses_an_xls_past_the_column_limit(tmp_path):
    path = write_xls(tmp_path / "rong.xls", {"Năm 2023": [["x", *[""] * 254, 1]]})
    assert "trang có ô ở cột IV (cột thứ 256), quá giới hạn 100 cột" in refused(path)


def test_it_refuses_an_ods_repeating_a_row_a_million_times(tmp_path):
    repeated = (
        '<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
        'office:value-type="float" office:value="1"/></table:table-row>'
    )
    path = raw_ods(tmp_path / "lap.ods", repeated)
    assert "trang có ô ở dòng 1.048.576, quá giới hạn 200.000 dòng" in refused(path)


def test_it_reads_an_ods_whose_empty_rows_and_cells_repeat_to_the_sheet_end(tmp_path):
    # LibreOffice ends every row and every sheet this way.
    path = raw_ods(
        tmp_path / "libreoffice.ods",
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Ghi chú</text:p>'
        '</table:table-cell><table:table-cell table:number-columns-repeated="1023"/>'
        '</table:table-row><table:table-row table:number-rows-repeated="1048575">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
    )
    assert [str(e) for e in run(path).errors] == [
        "libreoffice.ods — không có trang nào chứa danh sách sản phẩm"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "STT,Tên\n1," + "x" * 140_000 + "\n",
            "dòng 2 của tệp CSV: một ô dài hơn 131.072 ký tự",
        ),
        ('STT,Tên\n1,"Chè\n2,Mật ong\n', 'dòng 2 của tệp CSV: dấu ngoặc kép (") mở mà không đóng'),
    ],
)
def test_it_names_the_csv_line_with_an_open_quote_or_a_huge_cell(tmp_path, text, message):
    path = tmp_path / "ds.csv"
    path.write_text(text, encoding="utf-8")
    assert message in refused(path)


# --- what used to be misread or to end in a database traceback ---

ROWS = [TITLE, HEADER, row(decided_on="15/03/2023")]


@pytest.mark.parametrize(("codec", "bom"), [("utf-16-le", True), ("utf-16-le", False)])
def test_it_reads_a_utf16_csv_as_excel_saves_unicode_text(tmp_path, codec, bom):
    path = write_csv(tmp_path / "unicode.csv", ROWS, delimiter="\t")
    text = path.read_text(encoding="utf-8")
    path.write_bytes((b"\xff\xfe" if bom else b"") + text.encode(codec))
    result = run(path)
    assert result.ok, [str(e) for e in result.errors]
    product = Product.objects.get()
    assert (product.name, product.producer.name) == (
        "Chè Shan tuyết Nậm Sỏ",
        "Hợp tác xã Chè Nậm Sỏ",
    )


def test_it_strips_nul_and_control_characters_on_both_databases(tmp_path):
    path = write_csv(tmp_path / "nul.csv", [HEADER, row(product="Chè\x00 Shan\x01 tuyết")])
    assert run(path).ok
    xlsx = raw_xlsx(
        tmp_path / "nul.xlsx",
        list_sheet_data([str(v) for v in row(n=1, product="Mật ong_x0000_ rừng")]),
    )
    result = run(xlsx)
    assert result.ok, [str(e) for e in result.errors]
    assert sorted(Product.objects.values_list("name", flat=True)) == [
        "Chè Shan tuyết",
        "Mật ong rừng",
    ]


def test_it_reports_a_name_longer_than_the_registry_stores_on_both_databases(tmp_path):
    path = write_csv(tmp_path / "dai.csv", [TITLE, HEADER, row(producer="H" * 407)])
    result = run(path)
    assert [str(e) for e in result.errors] == [
        f'dai.csv › dòng 3 › cột C "Tên chủ thể": "{"H" * 60}…" — dài 407 ký tự, quá 300 ký '
        "tự mà sổ đăng ký lưu được: rút gọn nội dung ô"
    ]
    assert (Producer.objects.count(), Decision.objects.count()) == (0, 0)
    assert ImportRun.objects.get().status == "refused"


def test_it_names_a_formula_cell_saved_without_its_value(tmp_path):
    data = list_sheet_data([str(v) for v in row(n=1)]).replace(
        text_cell("B2", "Chè Shan tuyết Nậm Sỏ"), '<c r="B2"><f>CONCAT("Chè","")</f><v></v></c>'
    )
    result = run(raw_xlsx(tmp_path / "cong-thuc.xlsx", data))
    assert [str(e) for e in result.errors] == [
        'cong-thuc.xlsx › Năm 2023 › dòng 2 › cột B "Tên sản phẩm" — ô có công thức nhưng tệp '
        "không lưu kết quả đã tính (tệp do một chương trình khác Excel tạo ra): mở tệp bằng "
        "Excel (hoặc LibreOffice) rồi lưu lại thành .xlsx và nhập tệp mới, để Excel tính lại "
        "các công thức"
    ]


def test_it_lists_the_first_200_errors_then_counts_the_rest_by_kind(tmp_path):
    rows = [row(n=n, stars="") for n in range(1, 301)]
    path = write_csv(tmp_path / "thieu.csv", [TITLE, HEADER, *rows])
    result = run(path)
    lines = result.lines()
    assert "Lỗi (300):" in lines
    assert sum(line.startswith("  thieu.csv › dòng") for line in lines) == 200
    assert "  … và 100 dòng khác sau 200 dòng đầu, theo loại:" in lines
    assert '    100 × cột E "Số sao" — thiếu hạng sao' in lines
    assert ImportRun.objects.get().errors_count == 300
