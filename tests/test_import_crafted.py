"""Crafted spreadsheets of a few KB that used to abort the import, exhaust its memory or end
in an English traceback (issue 18): each is refused in Vietnamese, with an import record,
by a real `ocop import` whose memory is capped. The files are built here, part by part, from
a minimal workbook: the reader's scan must follow what the bytes hold, however they are
quoted or spaced, and never what they declare."""

import html
import struct
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ocop.imports import jobs
from ocop.imports.models import ImportJob, ImportRun
from tests.capped_import import assert_refused, migrated
from tests.staff import make_staff
from tests.workbooks import raw_ods, write_xls

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
    'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlforma'
    'ts.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
BOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Năm 2023" '
    'sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlforma'
    'ts.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def xlsx(path: Path, rows: str, shared: bytes | None = None, book: str = BOOK, head="") -> Path:
    """A workbook of one sheet, "Năm 2023", whose <sheetData> holds `rows` as written."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("xl/workbook.xml", book)
        package.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        if shared is not None:
            package.writestr("xl/sharedStrings.xml", shared)
        package.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>{head}<worksheet xmlns="{_MAIN}">'
            f"<sheetData>{rows}</sheetData></worksheet>",
        )
    return path


def unreferenced_row(row: int, cells: int) -> str:
    """A row at `row` of `cells` numbers without a reference: the reader places them from A."""
    return f'<row r="{row}">' + "<c><v>1</v></c>" * cells + "</row>"


def one_long_shared_text(path: Path, cell: str, size: int = 40 * 1024 * 1024) -> Path:
    """One shared text of `size` bytes, shown by 1,000 cells (written as `cell`)."""
    shared = (
        f'<sst xmlns="{_MAIN}" count="1000" uniqueCount="1"><si><t>'.encode()
        + b"x" * size
        + b"</t></si></sst>"
    )
    rows = "".join(f'<row r="{r}">{cell.format(r=r)}</row>' for r in range(1, 1001))
    return xlsx(path, rows, shared)


def xls_claiming(path: Path, rows: int, columns: int) -> Path:
    """A true .xls whose sheet's DIMENSIONS record claims `rows` × `columns`."""
    write_xls(path, {"Năm 2023": [["STT", "Tên sản phẩm"], [1, "Chè"]]})
    data = bytearray(path.read_bytes())
    at = data.find(b"\x00\x02\x0e\x00")  # the record's type (0x0200) and size (14)
    assert at > 0 and data.find(b"\x00\x02\x0e\x00", at + 1) < 0
    struct.pack_into("<IIHH", data, at + 4, 0, rows, 0, columns)
    path.write_bytes(bytes(data))
    return path


_XXE = '<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
_LAUGHS = (
    '<!DOCTYPE workbook [<!ENTITY a "hahahahahahahahahaha">'
    + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)


def dtd_book(dtd: str, name: str) -> str:
    """The workbook with a DTD, its sheet named by one of the DTD's entities."""
    return BOOK.replace("?>", "?>" + dtd, 1).replace('name="Năm 2023"', f'name="{name}"')


ODS_NUMBER = "<table:table-cell office:value-type='float' office:value='1'/>"
DTD = "khai báo DTD hoặc thực thể XML (<!DOCTYPE>, <!ENTITY>), điều Excel không bao giờ ghi"
ROWS_PAST = "Năm 2023 — không đọc được tệp: trang có ô ở dòng 1.048.576, quá giới hạn 200.000 dòng"
UNPACKED = "nội dung giải nén của tệp vượt quá 100 MB (OCOP_IMPORT_MAX_UNPACKED_MB)"

CASES = [
    ("nhay-don.xlsx", lambda p: xlsx(p, "<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>"),
     ROWS_PAST),
    ("dau-cach.xlsx",
     lambda p: xlsx(p, '<row r = "1048576"><c r = "XFD1048576" ><v>1</v></c></row>'), ROWS_PAST),
    ("khong-r.xlsx", lambda p: xlsx(p, unreferenced_row(1048576, 100)), ROWS_PAST),
    ("khong-r-200000.xlsx", lambda p: xlsx(p, unreferenced_row(200_000, 100)),
     # stopped at the 26th cell, the first past 5,000,000 with the row's 200,000 above it
     "vùng dữ liệu của trang rộng 200.000 dòng × 26 cột, quá giới hạn 5.000.000 ô"),
    ("chu-dai.xlsx", lambda p: one_long_shared_text(p, "<c r='A{r}' t='s'><v>0</v></c>"), UNPACKED),
    ("chu-dai-v.xlsx", lambda p: one_long_shared_text(p, '<c r="A{r}" t="s"><v >0</v ></c>'),
     UNPACKED),
    ("dem-sst.xlsx",
     lambda p: xlsx(p, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
                    f'<sst xmlns="{_MAIN}" uniqueCount="4294967295"><si><t>x</t></si></sst>'
                    .encode()),
     "phần chữ dùng chung (xl/sharedStrings.xml) khai báo 4.294.967.295 chữ (uniqueCount) "
     "nhưng chỉ chứa 1: tệp hỏng hoặc được tạo bất thường"),
    ("dimensions.xls", lambda p: xls_claiming(p, 0xFFFFFFFF, 0xFFFF),
     "trang khai báo vùng dữ liệu 4.294.967.295 dòng × 65.535 cột (bản ghi DIMENSIONS), quá "
     "giới hạn 5.000.000 ô"),
    ("xxe.xlsx", lambda p: xlsx(p, "", book=dtd_book(_XXE, "&x;")),
     f"phần xl/workbook.xml trong tệp có {DTD}"),
    ("cuoi.xlsx", lambda p: xlsx(p, "", book=dtd_book(_LAUGHS, "&i;")),
     f"phần xl/workbook.xml trong tệp có {DTD}"),
    ("cuoi-trang.xlsx",
     lambda p: xlsx(p, "<row r='1'><c r='A1' t='inlineStr'><is><t>&i;</t></is></c></row>",
                    head=_LAUGHS.replace("workbook", "worksheet")),
     f"phần xl/worksheets/sheet1.xml trong tệp có {DTD}"),
    # .ods: content.xml is tokenised too, whatever its quotes, spaces or prefixes
    ("lap-nhay-don.ods",
     lambda p: raw_ods(p, "<table:table-row table:number-rows-repeated='1048576'>"
                          f"{ODS_NUMBER}</table:table-row>"),
     "Năm 2023 — không đọc được tệp: trang có ô ở dòng 1.048.576, quá giới hạn 200.000 dòng"),
    ("cot-dau-cach.ods",
     lambda p: raw_ods(p, '<table:table-row><table:table-cell table:number-columns-repeated = '
                          '"16384" office:value-type = "float" office:value="1"/>'
                          "</table:table-row>"),
     "trang có ô ở cột XFD (cột thứ 16.384), quá giới hạn 100 cột"),
    ("tien-to.ods",
     lambda p: raw_ods(p, '<t:table-row xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:'
                          """1.0" t:number-rows-repeated='300000'><t:table-cell """
                          "office:value-type='float' office:value='1'/></t:table-row>"),
     "trang có ô ở dòng 300.000, quá giới hạn 200.000 dòng"),
    ("chu-lap.ods",  # one 1 KB text copied into 199,999 rows × 25 columns by the reader
     lambda p: raw_ods(p, "<table:table-row table:number-rows-repeated='199999'><table:table-cell "
                          "table:number-columns-repeated='25' office:value-type='string'>"
                          f"<text:p>{'x' * 1024}</text:p></table:table-cell></table:table-row>"),
     UNPACKED),
    ("o-lap.ods",  # one number down column Z, past empty cells: an area the reader fills
     lambda p: raw_ods(p, "<table:table-row table:number-rows-repeated='199999'>"
                          "<table:table-cell table:number-columns-repeated='25'/>"
                          f"{ODS_NUMBER}</table:table-row>"),
     "vùng dữ liệu của trang rộng 199.999 dòng × 26 cột, quá giới hạn 5.000.000 ô"),
    ("lap-so.ods",  # within the cell limit, but the reader would hold 593 MB
     lambda p: raw_ods(p, "<table:table-row table:number-rows-repeated='198999'><table:table-cell "
                          "table:number-columns-repeated='25' office:value-type='float' "
                          "office:value='1'/></table:table-row>"),
     UNPACKED),
    ("xxe.ods", lambda p: raw_ods(p, "", head=_XXE), f"phần content.xml trong tệp có {DTD}"),
    ("cuoi.ods",
     lambda p: raw_ods(p, f"<table:table-row>{ODS_NUMBER.replace('/>', '>&i;</table:table-cell>')}"
                          "</table:table-row>", head=_LAUGHS),
     f"phần content.xml trong tệp có {DTD}"),
]  # fmt: skip


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    return migrated(tmp_path_factory.mktemp("crafted"))


@pytest.mark.parametrize(("name", "make", "message"), CASES, ids=[case[0] for case in CASES])
def test_ocop_import_refuses_the_crafted_file_in_vietnamese(
    database, tmp_path, name, make, message
):
    path = make(tmp_path / name)
    assert path.stat().st_size < 100 * 1024
    assert_refused(database, path, message)


def test_a_csv_past_the_cell_limit_is_refused_where_it_passes_it(database, tmp_path):
    path = tmp_path / "rong.csv"
    path.write_text("STT" + ",x" * 99 + "\n" + ("1" + ",1" * 99 + "\n") * 60_000)
    # Stopped at the row where 100 columns pass 5,000,000 cells, not read to its end.
    message = "vùng dữ liệu của trang rộng 50.001 dòng × 100 cột, quá giới hạn 5.000.000 ô"
    assert_refused(database, path, message)


# --- the same through the browser: the job is refused, never failed "gặp sự cố" ---


@pytest.mark.django_db
@pytest.mark.parametrize("index", [8, 9])  # the XXE and the "billion laughs" workbooks
def test_the_browser_import_refuses_the_crafted_file_with_a_record(
    client, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks, index
):
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(jobs, "start", lambda job: jobs.run(job.pk))
    client.force_login(make_staff("officer"))
    name, make, message = CASES[index]
    path = make(tmp_path / name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/lam-viec/nhap/", {"files": [SimpleUploadedFile(name, path.read_bytes())]})
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.REFUSED, job.message
    assert any(message in line for line in job.result["lines"]), job.result["lines"]
    run = ImportRun.objects.get(job=job)
    assert (run.status, run.errors_count, run.file_name) == ("refused", 1, name)
    page = html.unescape(client.get(f"/lam-viec/nhap/{job.pk}/").content.decode())
    assert message in page
