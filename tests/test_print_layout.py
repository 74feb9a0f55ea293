"""The letter and lists print as the department sends them: read back from the PDF that
LibreOffice makes of them (poppler's pdftotext, page by page), and from the files' own
properties."""

import re
import subprocess
import zipfile
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

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


# --- printing as the department prints (issue 19, item 4) --------------------------------------


def test_the_workbook_prints_each_appendix_a4_landscape_one_page_wide_at_12_pt():
    small_registry()
    book = load_workbook(BytesIO(lists_file(DAY, ".xlsx").content))
    for name in ("Phụ lục I", "Phụ lục II"):
        sheet = book[name]
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9)
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        # The header row alone repeats and stays frozen; the title rows above it do not.
        assert sheet.print_title_rows == "$5:$5"
        assert sheet.freeze_panes == "A6"
        assert (sheet.sheet_view.topLeftCell, sheet.sheet_view.pane.ySplit) == ("A5", 1)
        # Each sheet numbers its own pages from 1, its name in the footer.
        assert (setup.firstPageNumber, setup.useFirstPageNumber) == (1, True)
        assert sheet.oddFooter.center.text == f"{name} - Trang &P"
        # Fitting to the width prints the 12 pt text at 10 pt or more: the columns are about
        # one page wide, counted in the default font's digits.
        assert book._fonts[0].name == "Times New Roman"
        widths = [sheet.column_dimensions[get_column_letter(n)].width for n in range(1, 10)]
        table_px = sum(round(width * 8) + 5 for width in widths)
        printable_px = (11.69 - sheet.page_margins.left - sheet.page_margins.right) * 96
        assert 12 * min(1, printable_px / table_px) >= 10
        # The footer (0.3 in from the edge) stays clear of the table (0.75 in).
        assert sheet.page_margins.bottom - sheet.page_margins.footer >= 0.4


def test_the_printed_workbook_numbers_each_appendix_from_one_at_a_readable_size(
    long_lists, tmp_path
):
    content = pdf.to_pdf(lists_file(DAY, ".xlsx").content, ".xlsx")
    pages = pages_of(content, tmp_path)
    footers = [lines[-1] for lines in pages]
    second = footers.index("Phụ lục II - Trang 1")
    assert footers[:second] == [f"Phụ lục I - Trang {n}" for n in range(1, second + 1)]
    assert footers[second:] == [
        f"Phụ lục II - Trang {n}" for n in range(1, len(pages) - second + 1)
    ]
    assert all(any(line.startswith("STT") for line in lines) for lines in pages)
    assert [
        n for n, lines in enumerate(pages, 1) if ends_on_a_heading(lines[:-1], long_lists)
    ] == []
    assert min(printed_sizes(content, tmp_path)) >= 10  # 12 pt text, 11 pt footer


BOX_PER_POINT = 1.3


def printed_sizes(content: bytes, tmp_path) -> list[float]:
    """The printed size of each word in a PDF, from the height of the box pdftotext gives it:
    LibreOffice prints Times New Roman in Liberation Serif, whose box is 1.3 times the size
    (12 pt text of the Word lists: 15.6 pt boxes); a page shrunk to fit the width shrinks the
    boxes with it."""
    path = tmp_path / "sizes.pdf"
    path.write_bytes(content)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    boxes = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html)
    return [(float(bottom) - float(top)) / BOX_PER_POINT for top, bottom in boxes]


def test_the_lists_in_word_restart_page_numbers_in_each_appendix():
    small_registry()
    document = Document(BytesIO(lists_file(DAY, ".docx").content))
    starts = [section._sectPr.find(docx_writer.qn("w:pgNumType")) for section in
              document.sections]  # fmt: skip
    assert [s is not None and s.get(docx_writer.qn("w:start")) for s in starts] == ["1", "1"]
    assert [section.different_first_page_header_footer for section in document.sections] == [
        True,
        True,
    ]


@pytest.mark.parametrize(
    "make", [lambda: letter_file(DAY, ".docx"), lambda: lists_file(DAY, ".docx")],
    ids=["letter", "lists"],
)  # fmt: skip
def test_word_files_carry_no_template_leftovers_and_one_case_of_author(make):
    small_registry()
    content = make().content
    with zipfile.ZipFile(BytesIO(content)) as package:
        names = package.namelist()
        application = package.read("docProps/app.xml").decode()
    assert "Macintosh" not in application and "Sổ đăng ký OCOP" in application
    assert not [name for name in names if "thumbnail" in name]
    author = Document(BytesIO(content)).core_properties.author
    assert author == issuing_body() == "Sở Nông nghiệp và Môi trường"
    assert Document(BytesIO(content)).core_properties.keywords == ""


def test_the_letters_header_gives_the_subject_two_lines_and_the_number_a_13_mm_blank(tmp_path):
    small_registry()
    content = letter_file(DAY, ".pdf").content
    first = pages_of(content, tmp_path)[0]
    subject = first[first.index(next(line for line in first if "V/v" in line)) :]
    # "V/v … đến hết ngày" then "… 31/12/2025", each line beside or under the header.
    assert "31/12/2025" in subject[1] and subject[1].strip() != "31/12/2025"
    path = tmp_path / "letter.pdf"
    path.write_bytes(content)
    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    so = re.search(r'xMax="([\d.]+)" yMax="[\d.]+">Số:<', html)
    symbol = re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="[\d.]+">/SNNMT', html)
    blank_mm = (float(symbol[1]) - float(so[1])) * 25.4 / 72
    assert 12 <= blank_mm <= 14


def test_the_lists_take_fewer_pages_with_the_wider_address_column(
    long_lists, tmp_path, monkeypatch
):
    widths = dict(docx_writer.LIST_COLUMNS)
    assert widths["Địa chỉ"] == max(widths.values()) and sum(widths.values()) <= 25.2
    now = len(pages_of(lists_file(DAY, ".pdf").content, tmp_path))
    before = [("STT", 1.3), ("Tên sản phẩm", 4.7), ("Chủ thể", 4.7), ("Địa chỉ", 3.2),
              ("Hạng sao", 1.7), ("Quyết định công nhận (số, ngày)", 3.9),
              ("Cơ quan ban hành", 3.3), ("Hiệu lực đến hết ngày", 2.4)]  # fmt: skip
    monkeypatch.setattr(docx_writer, "LIST_COLUMNS", before)
    assert now <= 0.8 * len(pages_of(lists_file(DAY, ".pdf").content, tmp_path))


def test_the_expiring_workbook_prints_one_page_wide_at_a_readable_size():
    small_registry()
    content = expiring_file(DAY, date(2026, 12, 31), ".xlsx").content
    sheet = load_workbook(BytesIO(content))["Sắp hết hạn"]
    widths = [sheet.column_dimensions[get_column_letter(n)].width for n in range(1, 13)]
    printable_px = (11.69 - sheet.page_margins.left - sheet.page_margins.right) * 96
    assert 12 * min(1, printable_px / sum(round(w * 8) + 5 for w in widths)) >= 10
    assert sheet.freeze_panes == "A6" and sheet.oddFooter.center.text == "Sắp hết hạn - Trang &P"
