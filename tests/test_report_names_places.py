"""Issue 19, done when: the appendices for 31/12/2025 of the sample list (a list the display rules
were not written against), generated and opened back in Excel and Word, print no place name in
lower case, one style of administrative words, no decision of 01/07/2025 or later given to a
district committee, one spelling per product, and say how many issuers remain presumed."""

import re
from datetime import date
from io import BytesIO, StringIO

import openpyxl
import pytest
from django.core.management import call_command
from docx import Document

from ocop.domain.names import fold, product_key
from ocop.registry.models import OldUnit, Unit
from ocop.reports.documents import lists_file
from tests.factories import SAMPLES

DAY = date(2025, 12, 31)
# What each column holds, by the words of its heading (the writers' layout may change them).
COLUMNS = {"product": "sản phẩm", "producer": "chủ thể", "address": "địa chỉ", "issuer": "cơ quan"}
_DATE = re.compile(r"ngày (\d{2})/(\d{2})/(\d{4})")
# The words for a kind of unit, lower case before the capitalised name (Decree 30/2020/NĐ-CP,
# Appendix II; the department's letter): "xã Nà Tăm", "huyện Tam Đường", "bản Lao Chải".
LEVEL_WORDS = ("thị trấn", "thành phố", "thị xã", "phường", "huyện", "tỉnh", "xã", "bản", "thôn")
_LEVEL = re.compile(rf"(?<![^\W_])({'|'.join(LEVEL_WORDS)})\s+([^,()]+)", re.IGNORECASE)
_ABBREVIATED = re.compile(r"(?<![^\W_])(?:H|X|TT|TP|P|Tx)\.?\s+[A-ZĐ]")
DISTRICT_COMMITTEE = re.compile(r"^UBND (?:huyện|thị xã|quận|thành phố (?!Hà Nội))", re.I)


_MADE: dict[str, tuple] = {}


@pytest.fixture
def appendices(db):
    """(table name, rows) of both appendices in both formats, the place names of the unit
    tables, and every text of the files. Made
    once for the module (an import and four files take seconds); every test's transaction,
    the import's included, is rolled back, and the tests read only these values."""
    if "sample" not in _MADE:
        call_command("import", str(SAMPLES / "ocop-mau-2019-2026.xlsx"), stdout=StringIO())
        workbook, document = lists_file(DAY, ".xlsx").content, lists_file(DAY, ".docx").content
        places = _place_names()
        tables = _workbook_rows(workbook) + _document_rows(document)
        _MADE["sample"] = (tables, places, _texts(workbook, document))
    return _MADE["sample"]


def _texts(workbook: bytes, document: bytes) -> list[str]:
    book = openpyxl.load_workbook(BytesIO(workbook))
    cells = [v for sheet in book for row in sheet.iter_rows(values_only=True) for v in row]
    paragraphs = [p.text for p in Document(BytesIO(document)).paragraphs]
    return [text for text in cells + paragraphs if isinstance(text, str)]


def _workbook_rows(content: bytes) -> list:
    book = openpyxl.load_workbook(BytesIO(content))
    tables = []
    for name in ("Phụ lục I", "Phụ lục II"):
        rows = list(book[name].iter_rows(values_only=True))
        at = next(i for i, row in enumerate(rows) if "Tên sản phẩm" in row)
        header = rows[at]
        found = [_row(header, row) for row in rows[at + 1 :] if isinstance(row[0], int)]
        tables.append((f"xlsx {name}", found))
    return tables


def _document_rows(content: bytes) -> list:
    document = Document(BytesIO(content))
    tables = []
    lists = [t for t in document.tables if "Tên sản phẩm" in [c.text for c in t.rows[0].cells]]
    for number, table in zip(("I", "II"), lists, strict=True):
        header = [cell.text for cell in table.rows[0].cells]
        rows = []
        for row in table.rows[1:]:
            if len(row._tr.tc_lst) > 1:
                cells = [cell.text for cell in row.cells]
                if cells[0].isdigit():
                    rows.append(_row(header, cells))
        tables.append((f"docx Phụ lục {number}", rows))
    return tables


def _row(header, cells) -> dict:
    """{"product", "producer", "address", "issuer": text, "decided": date}."""
    row = {"decided": None}
    for heading, value in zip(header, cells, strict=False):
        heading = (heading or "").casefold()
        for key, words in COLUMNS.items():
            if words in heading and key not in row:
                row[key] = value or ""
        if "ngày quyết định" in heading and hasattr(value, "date"):
            row["decided"] = value.date()
        elif "quyết định" in heading and isinstance(value, str) and _DATE.search(value):
            day, month, year = map(int, _DATE.search(value).groups())
            row["decided"] = date(year, month, day)
    return row


def _place_names() -> set[str]:
    names = set(Unit.objects.values_list("name", flat=True))
    for name, district in OldUnit.objects.values_list("name", "district"):
        names.update((name, district))
    return {name for name in names if len(name.split()) > 1}


def _cells(tables, column):
    for table, rows in tables:
        for row in rows:
            yield table, row, row.get(column) or ""


def test_both_appendices_have_rows_in_both_formats(appendices):
    tables, *_ = appendices
    assert [name for name, _ in tables] == [
        "xlsx Phụ lục I",
        "xlsx Phụ lục II",
        "docx Phụ lục I",
        "docx Phụ lục II",
    ]
    assert all(rows for _, rows in tables)
    assert all(set(COLUMNS) | {"decided"} <= set(rows[0]) for _, rows in tables)
    assert all(row["decided"] for _, rows in tables for row in rows)


def test_no_place_name_is_printed_in_lower_case(appendices):
    tables, places, *_ = appendices
    lowercase = []
    for column in ("product", "producer", "address"):
        for table, _, text in _cells(tables, column):
            for match in _LEVEL.finditer(text) if column == "address" else ():
                if any(not word[:1].isupper() for word in match.group(2).split()):
                    lowercase.append((table, text))
            for place in places:
                for found in re.finditer(re.escape(place), text, re.IGNORECASE):
                    if found.group() != place and fold(found.group()) == fold(place):
                        lowercase.append((table, text))
    assert lowercase == []


def test_one_style_of_administrative_words(appendices):
    tables, *_ = appendices
    other_style = []
    for table, _, text in _cells(tables, "address"):
        for match in _LEVEL.finditer(text):
            if match.start() > 0 and match.group(1) != match.group(1).lower():
                other_style.append((table, text))
        if _ABBREVIATED.search(text):
            other_style.append((table, text))
    assert other_style == []


def test_an_old_address_says_where_it_is_today(appendices):
    tables, *_ = appendices
    addresses = [text for _, _, text in _cells(tables, "address")]
    old = [text for text in addresses if re.search(r"\bhuyện\b", text)]
    assert old
    assert all("(nay là " in text for text in old)


def test_no_decision_of_the_two_level_government_is_a_districts(appendices):
    tables, *_ = appendices
    wrong = []
    for table, row, issuer in _cells(tables, "issuer"):
        if row["decided"] >= date(2025, 7, 1) and DISTRICT_COMMITTEE.match(issuer):
            wrong.append((table, row["decided"], issuer))
    assert wrong == []
    after = [row for _, rows in tables for row in rows if row["decided"] >= date(2025, 7, 1)]
    assert after  # the sample has decisions of the two-level government


def test_one_spelling_per_product(appendices):
    tables, *_ = appendices
    spellings = {}
    for _, _, name in _cells(tables, "product"):
        spellings.setdefault(product_key(name), set()).add(name)
    assert {key: names for key, names in spellings.items() if len(names) > 1} == {}


def test_the_lists_say_how_many_issuers_remain_presumed(appendices):
    tables, _, texts = appendices
    for table in ("Phụ lục I", "Phụ lục II"):
        rows = dict(tables)[f"xlsx {table}"]
        presumed = sum(row["issuer"].endswith("*") for row in rows)
        if presumed:
            said = f"Còn {presumed}/{len(rows)} quyết định có cơ quan ban hành chưa được cán bộ"
            assert sum(said in text for text in texts) == 2  # in the workbook and the document
    assert any(row["issuer"].endswith("*") for row in dict(tables)["xlsx Phụ lục I"])
