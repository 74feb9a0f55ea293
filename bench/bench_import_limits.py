"""Peak memory of `ocop import --dry-run` on the worst files the limits still allow
(OCOP_IMPORT_MAX_*, defaults): a sheet whose used rectangle is exactly the cell limit with
two cells filled (the reader holds the whole rectangle), a sheet filled with numbers up to
just under the unpacked limit, sheets and a CSV dense up to the cell limit; and on the
crafted files of issue 18, which must be refused. Each runs in a child process, whose
ru_maxrss is the figure. Target: <= 500 MB. Run through `make bench`;
`python bench/bench_import_limits.py` alone works too (DATABASE_URL: a migrated database,
or a SQLite file made here)."""

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
django.setup()

from django.conf import settings  # noqa: E402

from ocop.imports.header import column_letter  # noqa: E402

GOAL_MB = 500
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
    'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="'
    'application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="'
    'xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
    "</sheets></workbook>",
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
    '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>',
}


def workbook(path: Path, rows, shared: bytes = b"") -> Path:
    """`rows`: an iterable of <row> elements (bytes), streamed into the sheet; `shared`: the
    shared texts' part, when given."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, text in _PARTS.items():
            package.writestr(name, text)
        if shared:
            package.writestr("xl/sharedStrings.xml", shared)
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            for row in rows:
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    return path


def corners(rows: int, columns: int):
    """A1 and the far corner: the largest rectangle the cell limit allows."""
    yield b'<row r="1"><c r="A1"><v>1</v></c></row>'
    last = f"{column_letter(columns - 1)}{rows}"
    yield f'<row r="{rows}"><c r="{last}"><v>1</v></c></row>'.encode()


def numbers(columns: int, budget: int):
    """Rows of `columns` numbers, until the sheet's XML reaches `budget` bytes."""
    letters = [column_letter(c) for c in range(columns)]
    written, r = 0, 0
    while True:
        r += 1
        cells = "".join(f'<c r="{letter}{r}"><v>{r % 1000}</v></c>' for letter in letters)
        row = f'<row r="{r}">{cells}</row>'.encode()
        if written + len(row) > budget:
            return
        written += len(row)
        yield row


def junk(rows: int):
    """The list's header, then rows that each fail several checks (the error list is
    capped; the rows themselves are all read and checked)."""
    labels = ["STT", "Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Số sao", "Số QĐ", "Ngày QĐ"]
    cells = "".join(
        f'<c r="{column_letter(c)}1" t="inlineStr"><is><t>{label}</t></is></c>'
        for c, label in enumerate(labels)
    )
    yield f'<row r="1">{cells}</row>'.encode()
    for r in range(2, rows + 1):
        yield (f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>rác '
               f"{r}</t></is></c></row>").encode()  # fmt: skip


def dense(rows: int, columns: int, text: bool):
    """Rows of `columns` cells without references (the shortest a cell is written), numbers
    or one of ten shared texts."""
    cell = '<c t="s"><v>{}</v></c>' if text else "<c><v>{}</v></c>"
    for r in range(1, rows + 1):
        cells = "".join(cell.format((r + c) % 10) for c in range(columns))
        yield f"<row>{cells}</row>".encode()


def ten_texts() -> bytes:
    items = "".join(f"<si><t>Hợp tác xã Chè Nậm Sỏ {n}</t></si>" for n in range(10))
    return f'<sst xmlns="{_MAIN}" uniqueCount="10">{items}</sst>'.encode()


def dense_csv(path: Path, rows: int, columns: int) -> Path:
    with path.open("w", encoding="utf-8") as file:
        file.write(",".join(f"Cột {c}" for c in range(columns)) + "\n")
        for r in range(rows - 1):
            file.write(",".join(f"{r * columns + c:x}" for c in range(columns)) + "\n")
    return path


def repeated_ods(path: Path, rows: int, columns: int) -> Path:
    """An .ods of one number repeated over `rows` × `columns` by two attributes (1 KB): the
    reader writes every copy out."""
    cell = ('<table:table-cell office:value-type="float" office:value="1" '
            f'table:number-columns-repeated="{columns}"/>')  # fmt: skip
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="S"><table:table-row '
        f'table:number-rows-repeated="{rows}">{cell}</table:table-row></table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", content)
    return path


def crafted(folder: Path) -> list[tuple[str, Path]]:
    """Files of a few KB that used to abort, hang or eat gigabytes (issue 18)."""
    long_text = f'<sst xmlns="{_MAIN}" uniqueCount="1"><si><t>'.encode()
    long_text += b"x" * (40 * 1024 * 1024) + b"</t></si></sst>"
    unreferenced = "<c><v>1</v></c>" * 100
    return [
        ("cell XFD1048576 in single quotes",
         workbook(folder / "xfd.xlsx", [b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>"])),
        ("row 1048576 of 100 cells without r",
         workbook(folder / "r1m.xlsx", [f'<row r="1048576">{unreferenced}</row>'.encode()])),
        ("row 200000 of 100 cells without r",
         workbook(folder / "r200k.xlsx", [f'<row r="200000">{unreferenced}</row>'.encode()])),
        ("a 40 MB shared text in 1,000 cells",
         workbook(folder / "sst.xlsx", (f'<row r="{r}"><c r="A{r}" t="s"><v >0</v></c></row>'
                                        .encode() for r in range(1, 1001)), long_text)),
        ("<sst uniqueCount=4294967295>",
         workbook(folder / "count.xlsx", [b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'],
                  f'<sst xmlns="{_MAIN}" uniqueCount="4294967295"><si><t>x</t></si></sst>'
                  .encode())),
    ]  # fmt: skip


# The child prints its own ru_maxrss as it exits (the parent's RUSAGE_CHILDREN would give
# the largest child so far, not this one).
_CHILD = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: sys.stderr.write("
    "f'PEAK {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'))\n"
    "from ocop.cli import main\n"
    "main()"
)


def child_peak(database_url: str, path: Path) -> tuple[float, float, str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, "import", "--dry-run", str(path)],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    peak = int(done.stderr.rsplit("PEAK ", 1)[1].split()[0]) / 1024
    last = (done.stdout.strip().splitlines() or [""])[-1]
    return peak, seconds, last


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    rows = settings.OCOP_IMPORT_MAX_CELLS // settings.OCOP_IMPORT_MAX_COLUMNS
    columns = settings.OCOP_IMPORT_MAX_COLUMNS
    unpacked = settings.OCOP_IMPORT_MAX_UNPACKED_MB * 1024 * 1024
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        if not database_url:
            database_url = f"sqlite:///{folder / 'limits.sqlite3'}"
        env = {**os.environ, "DATABASE_URL": database_url}
        subprocess.run([sys.executable, "-c", "from ocop.cli import main; main()", "migrate",
                        "--no-input"], env=env, check=True, capture_output=True)  # fmt: skip
        cases = [
            (f"{rows} x {columns} rectangle, 2 cells", workbook(folder / "goc.xlsx",
                                                               corners(rows, columns))),
            (f"numbers in {columns // 4} columns, {unpacked * 95 // 100 // 2**20} MB unpacked",
             workbook(folder / "so.xlsx", numbers(columns // 4, unpacked * 95 // 100))),
            (f"{settings.OCOP_IMPORT_MAX_ROWS} junk rows under a list's header",
             workbook(folder / "rac.xlsx", junk(settings.OCOP_IMPORT_MAX_ROWS))),
            (f"dense {rows * 4 - 1000} x {columns // 4} numbers",
             workbook(folder / "day-so.xlsx", dense(rows * 4 - 1000, columns // 4, text=False))),
            (f"dense {rows * 4 - 1000} x {columns // 4} shared texts",
             workbook(folder / "day-chu.xlsx", dense(rows * 4 - 1000, columns // 4, text=True),
                      ten_texts())),
            (f"CSV, dense {rows * 4 - 1000} x {columns // 4}",
             dense_csv(folder / "day.csv", rows * 4 - 1000, columns // 4)),
            # Each copy is spent as 32 bytes and its values against the unpacked limit.
            (f".ods, one number repeated {rows * 2 + 4000} x {columns // 4} (under the unpacked"
             " limit)", repeated_ods(folder / "lap.ods", rows * 2 + 4000, columns // 4)),
            (f".ods, one number repeated {rows * 4 - 1000} x {columns // 4} (refused)",
             repeated_ods(folder / "lap-het.ods", rows * 4 - 1000, columns // 4)),
            *crafted(folder),
        ]  # fmt: skip
        worst = 0.0
        for label, path in cases:
            peak, seconds, last = child_peak(database_url, path)
            worst = max(worst, peak)
            size = path.stat().st_size // 1024
            print(f"  {label} ({size} KiB): peak {peak:.0f} MB, {seconds:.1f} s — {last}")
    print(f"  goal: <= {GOAL_MB} MB {'met' if worst <= GOAL_MB else 'NOT met'}")
    sys.stdout.flush()
    return 0 if worst <= GOAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
