"""Phụ lục I and II show each address as places are written (issue 19: the typed one stays in
the registry) and mark an issuing body that was presumed, with a note under the table saying
how many remain to confirm, in the Excel and Word lists alike (issue 8)."""

from io import BytesIO

import openpyxl
import pytest
from docx import Document

from ocop.registry.models import Decision, Product
from ocop.reports.documents import lists_file
from ocop.reports.lists import PRESUMED_NOTE
from tests.report_data import DAY, small_registry

pytestmark = pytest.mark.django_db

NOTE = (
    "* Cơ quan ban hành được suy ra từ ngày quyết định, hạng sao và địa chỉ cũ vì danh sách gốc "
    "không ghi."
)
# Phụ lục I on 31/12/2025: one presumed issuer among five rows.
NOTE_WITH_COUNT = f"{NOTE} Còn 1/5 quyết định có cơ quan ban hành chưa được cán bộ xác nhận."
# product -> (address column, issuer column) in Phụ lục I on 31/12/2025
EXPECTED = {
    # An old address: today's unit beside it.
    "Chè Shan tuyết": (
        "Bản Hon, xã Nậm Sỏ, huyện Tân Uyên (nay là xã Nậm Sỏ)",
        "UBND huyện Tân Uyên*",
    ),
    # No address of its own: its producer's.
    "Mật ong bạc hà": (
        "Bản Mới, thị trấn Mường Tè, huyện Mường Tè (nay là xã Bum Tở)",
        "UBND tỉnh",
    ),
    # Neither has one: an empty cell, not the commune of the heading again.
    "Ấm trà": ("", ""),
}


@pytest.fixture
def registry():
    small_registry()
    Product.objects.filter(name="Chè Shan tuyết").update(
        address="Bản Hon, xã Nậm Sỏ, huyện Tân Uyên"
    )
    Decision.objects.filter(number="101/QĐ-UBND").update(
        issuer="UBND huyện Tân Uyên", issuer_presumed=True
    )


def test_the_note_is_worded_as_the_issue_asks():
    assert PRESUMED_NOTE == NOTE


def test_the_workbook_shows_addresses_as_written_and_marks_presumed_issuers(registry):
    sheet = openpyxl.load_workbook(BytesIO(lists_file(DAY, ".xlsx").content))["Phụ lục I"]
    header = [cell.value for cell in sheet[5]]
    address, issuer = header.index("Địa chỉ"), header.index("Cơ quan ban hành")
    rows = {row[1]: row for row in sheet.iter_rows(min_row=6, values_only=True) if row[0]}
    for product, expected in EXPECTED.items():
        assert (rows[product][address] or "", rows[product][issuer] or "") == expected
    assert NOTE_WITH_COUNT in [row[0] for row in sheet.iter_rows(min_row=6, values_only=True)]


def test_the_workbook_has_no_note_without_a_presumed_issuer(registry):
    Decision.objects.update(issuer_presumed=False)
    book = openpyxl.load_workbook(BytesIO(lists_file(DAY, ".xlsx").content))
    for sheet in book:
        cells = [value for row in sheet.iter_rows(values_only=True) for value in row]
        assert not any(isinstance(value, str) and NOTE in value for value in cells)
        assert not any(isinstance(value, str) and value.endswith("*") for value in cells)


def test_the_word_lists_show_addresses_as_written_and_mark_presumed_issuers(registry):
    document = Document(BytesIO(lists_file(DAY, ".docx").content))
    table = document.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    address, issuer = header.index("Địa chỉ"), header.index("Cơ quan ban hành")
    rows = {}
    for row in table.rows[1:]:
        if len(row._tr.tc_lst) > 1:
            cells = [cell.text for cell in row.cells]
            rows[cells[1]] = cells
    for product, expected in EXPECTED.items():
        assert (rows[product][address], rows[product][issuer]) == expected
    notes = [p.text for p in document.paragraphs if p.text == NOTE_WITH_COUNT]
    assert len(notes) == 1  # under Phụ lục I only: no presumed issuer in Phụ lục II


def test_the_note_follows_the_table_it_explains(registry):
    document = Document(BytesIO(lists_file(DAY, ".docx").content))
    body = list(document.element.body.iterchildren())
    first_table = document.tables[0]._tbl
    after = body[body.index(first_table) + 1]
    assert "".join(after.xpath(".//w:t/text()")) == NOTE_WITH_COUNT
