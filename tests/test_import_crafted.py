"""Crafted spreadsheets of a few KB that used to abort the import, exhaust its memory or end
in an English traceback (issue 18): each is refused in Vietnamese, with an import record,
by a real `ocop import` whose memory is capped. The files are built here, part by part, from
a minimal workbook: the reader's scan must follow what the bytes hold, however they are
quoted or spaced, and never what they declare."""

import html
import os
import resource
import sqlite3
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ocop.imports import jobs
from ocop.imports.models import ImportJob, ImportRun
from tests.staff import make_staff
from tests.workbooks import write_xls

MEMORY_CAP = 1536 * 1024 * 1024  # a regression fails the test instead of felling the machine

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
]  # fmt: skip


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crafted") / "ocop.sqlite3"
    assert ocop(path, "migrate", "--no-input").returncode == 0
    return path


def ocop(database: Path, *args) -> subprocess.CompletedProcess:
    def cap_memory():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    command = [sys.executable, "-c", "from ocop.cli import main; main()", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300,
                          preexec_fn=cap_memory)  # fmt: skip


def refusals(database: Path, name: str) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        query = "SELECT status, errors_count FROM imports_importrun WHERE file_name = ?"
        return connection.execute(query, [name]).fetchall()


@pytest.mark.parametrize(("name", "make", "message"), CASES, ids=[case[0] for case in CASES])
def test_ocop_import_refuses_the_crafted_file_in_vietnamese(
    database, tmp_path, name, make, message
):
    path = make(tmp_path / name)
    assert path.stat().st_size < 100 * 1024
    result = ocop(database, "import", "--dry-run", str(path))
    assert result.returncode == 1, result.stderr[-2000:]
    assert message in result.stdout, result.stdout
    assert "Traceback" not in result.stderr
    assert refusals(database, name) == [("refused", 1)]


def test_a_csv_past_the_cell_limit_is_refused_where_it_passes_it(database, tmp_path):
    path = tmp_path / "rong.csv"
    path.write_text("STT" + ",x" * 99 + "\n" + ("1" + ",1" * 99 + "\n") * 60_000)
    result = ocop(database, "import", "--dry-run", str(path))
    assert result.returncode == 1, result.stderr[-2000:]
    # Stopped at the row where 100 columns pass 5,000,000 cells, not read to its end.
    assert "vùng dữ liệu của trang rộng 50.001 dòng × 100 cột, quá giới hạn 5.000.000 ô" in (
        result.stdout
    )
    assert refusals(database, "rong.csv") == [("refused", 1)]


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
