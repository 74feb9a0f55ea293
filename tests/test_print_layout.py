"""The letter and lists print as the department sends them: read back from the PDF that
LibreOffice makes of them (poppler's pdftotext, page by page), and from the files' own
properties."""

import re
import subprocess
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from ocop.registry.generate import generate
from ocop.registry.models import Product, Province
from ocop.reports import docx_writer, pdf
from ocop.reports.documents import expiring_file, letter_file, lists_file
from ocop.reports.lists import checked_lists
from ocop.reports.models import LetterTexts
from tests.report_data import DAY, small_registry

pytestmark = pytest.mark.django_db


def pages_of(content: bytes, tmp_path) -> list[list[str]]:
    """The text lines of each page of a PDF, blank lines left out."""
    path = tmp_path / "van-ban.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in
            text.split("\f") if page.strip()]  # fmt: skip


@pytest.fixture
def long_lists():
    """About 300 products over Lai Châu's communes: lists of many pages and headings."""
    generate(300, today=DAY + timedelta(days=10), force=True)
    lists = checked_lists(DAY, Product.objects.all())
    return {group.unit for product_list in (lists.valid, lists.expired)
            for group in product_list.groups}  # fmt: skip


@pytest.mark.parametrize("make", [lists_file, letter_file], ids=["lists", "letter"])
def test_no_page_ends_on_a_commune_heading(long_lists, tmp_path, make):
    pages = pages_of(make(DAY, ".pdf").content, tmp_path)
    assert len(pages) > 8
    stranded = [n for n, lines in enumerate(pages, start=1) if ends_on_a_heading(lines, long_lists)]
    assert stranded == []


def ends_on_a_heading(lines: list[str], headings: set[str]) -> bool:
    """A heading with no product row after it on its page (a row starts with its number)."""
    found = [n for n, line in enumerate(lines) if line in headings]
    return bool(found) and not any(re.match(r"\d+ ", line) for line in lines[found[-1] + 1 :])


def test_the_table_header_repeats_on_every_page_of_the_lists(long_lists, tmp_path):
    pages = pages_of(lists_file(DAY, ".pdf").content, tmp_path)
    assert all(any(line.startswith("STT") for line in lines) for lines in pages)


def test_each_appendix_numbers_its_own_pages_from_one(long_lists, tmp_path):
    pages = pages_of(lists_file(DAY, ".pdf").content, tmp_path)
    starts = [n for n, lines in enumerate(pages) if lines[0].startswith("Phụ lục")]
    assert len(starts) == 2
    first_two, second_two = pages[starts[0] : starts[1]], pages[starts[1] :]
    for appendix in (first_two, second_two):
        # Decree 30: no number on an appendix's first page, then 2, 3...
        numbers = [lines[0] for lines in appendix[1:]]
        assert numbers == [str(n) for n in range(2, len(appendix) + 1)]


def test_the_letters_appendices_each_restart_their_page_numbers():
    small_registry()
    document = Document(BytesIO(letter_file(DAY, ".docx").content))
    starts = [section._sectPr.find(docx_writer.qn("w:pgNumType")) for section in
              document.sections]  # fmt: skip
    restarts = [s is not None and s.get(docx_writer.qn("w:start")) == "1" for s in starts]
    assert restarts == [False, True, True]


def issuing_body() -> str:
    return LetterTexts.for_province(Province.objects.get(code="12")).issuing_body


@pytest.mark.parametrize(
    ("make", "title"),
    [
        (lambda: letter_file(DAY, ".docx"), "V/v "),
        (lambda: lists_file(DAY, ".docx"), "Danh sách sản phẩm OCOP"),
        (lambda: expiring_file(DAY, DAY + timedelta(days=90), ".docx"), "Danh sách sản phẩm"),
    ],
    ids=["letter", "lists", "expiring"],
)
def test_every_word_file_names_its_issuer_subject_and_date(make, title):
    small_registry()
    before = timezone.now().replace(tzinfo=None, microsecond=0)
    properties = Document(BytesIO(make().content)).core_properties
    assert properties.author.casefold() == issuing_body().casefold()
    assert properties.last_modified_by == properties.author
    assert properties.title.casefold().startswith(title.casefold())
    assert properties.created.replace(tzinfo=None) >= before
    assert properties.created.year >= 2025


@pytest.mark.parametrize(
    "make",
    [lambda: lists_file(DAY, ".xlsx"), lambda: expiring_file(DAY, date(2026, 3, 31), ".xlsx")],
    ids=["lists", "expiring"],
)
def test_every_workbook_names_its_issuer_subject_and_date(make):
    small_registry()
    before = timezone.now().replace(tzinfo=None, microsecond=0)
    properties = load_workbook(BytesIO(make().content)).properties
    assert properties.creator == issuing_body()
    assert properties.title.casefold().startswith("danh sách sản phẩm")
    assert properties.created >= before


def test_the_expiring_reports_headings_keep_their_words_whole(tmp_path):
    small_registry()
    content = pdf.docx_to_pdf(expiring_file(DAY, date(2026, 12, 31), ".docx").content)
    words = {word for lines in pages_of(content, tmp_path) for line in lines
             for word in line.split()}  # fmt: skip
    headings = [heading for heading, _ in docx_writer.EXPIRING_COLUMNS]
    missing = [w for heading in headings for w in heading.split() if w not in words]
    assert missing == []
