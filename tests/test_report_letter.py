"""The yearly letter (OCOP.md §8) as a Word file: opened back, its figures, texts, appendices
and layout per Decree 30/2020/NĐ-CP; and the shared sample list's letter at 31/12/2025."""

import json
import subprocess
from io import BytesIO, StringIO
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.core.management import call_command
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from ocop.registry.models import Province
from ocop.reports.documents import letter_file, lists_file
from ocop.reports.docx_writer import balanced_lines
from ocop.reports.letter import lines, paragraphs
from ocop.reports.models import DEFAULTS as DEFAULT_WORDS
from ocop.reports.models import LetterTexts
from tests.factories import SAMPLES
from tests.report_data import (
    DAY,
    EXPIRED_ROWS,
    GROUPS,
    SENTENCE,
    SUMMARY,
    VALID_ROWS,
    small_registry,
)

DEFAULTS = {**DEFAULT_WORDS["all"], **DEFAULT_WORDS["lai_chau"]}

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    small_registry()


@pytest.fixture
def letter(registry):
    return Document(BytesIO(letter_file(DAY, ".docx").content))


def texts(cell_or_document) -> list[str]:
    return [p.text for p in cell_or_document.paragraphs if p.text]


def list_rows(table):
    """(number, product, commune heading above) of the data rows, and the group rows' names."""
    rows, groups = [], []
    for row in table.rows[1:]:
        cells = row._tr.tc_lst
        if len(cells) == 1:
            groups.append(row.cells[0].text)
        else:
            values = [cell.text for cell in row.cells]
            rows.append((int(values[0]), values[1], groups[-1]))
    return rows, groups


def test_it_words_the_figures_as_the_department_does(letter):
    body = texts(letter)
    valid = body.index(SENTENCE)
    assert body[valid + 1 : valid + 4] == [
        "2. Số sản phẩm OCOP đã hết thời hạn công nhận và chưa thực hiện đánh giá, phân hạng lại "
        "(thời hạn giấy chứng nhận 36 tháng kể từ ngày ban hành quyết định công nhận): 2 sản phẩm;",
        "(Có danh sách sản phẩm chi tiết kèm theo)",
        "3. Số sản phẩm OCOP bị thu hồi giấy chứng nhận: 1 sản phẩm;",
    ]


def test_it_carries_the_header_of_decree_30(letter):
    left, right = letter.tables[0].rows[0].cells
    assert texts(left) == ["UBND TỈNH LAI CHÂU", "SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"]
    assert all(run.bold for p in left.paragraphs[1:3] for run in p.runs)
    assert texts(right) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(run.bold for p in right.paragraphs[:2] for run in p.runs)
    number, place = letter.tables[0].rows[1].cells
    assert texts(number) == [
        "Số:           /SNNMT-PTNT&QLCL",
        "V/v thông tin danh sách sản phẩm OCOP tỉnh Lai Châu đến hết ngày 31/12/2025",
    ]
    assert texts(place) == ["Lai Châu, ngày      tháng 01 năm 2026"]
    assert place.paragraphs[0].runs[0].italic


def test_it_has_the_recipients_basis_requests_distribution_and_signer(letter):
    body = texts(letter)
    recipients = lines(DEFAULTS["recipients"])
    assert body[0] == f"Kính gửi:\t- {recipients[0]}"
    assert body[1 : len(recipients)] == [f"- {r}" for r in recipients[1:]]
    opening = paragraphs(DEFAULTS["opening"])
    assert body[len(recipients)] == opening[0]
    assert "3858/KH-UBND ngày 14/10/2022" in opening[0]
    assert "4552/KH-UBND ngày 12/8/2025" in opening[0]
    assert body[len(recipients) + 1].endswith("đến hết ngày 31/12/2025, cụ thể như sau:")
    assert f"4. {DEFAULTS['requests']}" in body
    assert body[body.index("Phụ lục I") - 1].endswith("được biết và phối hợp thực hiện./.")
    distribution, signature = letter.tables[1].rows[0].cells
    assert texts(distribution) == [
        "Nơi nhận:",
        "- Như trên;",
        "- Lãnh đạo Sở;",
        "- Các phòng, đơn vị trực thuộc Sở;",
        "- Trang Thông tin điện tử Sở;",
        "- Lưu: VT, PTNT&QLCL.",
    ]
    assert texts(signature) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thành Đồng"]


def test_it_takes_the_departments_texts_from_the_back_office(registry):
    LetterTexts.objects.create(
        province=Province.objects.get(code="12"),
        **{
            **DEFAULTS,
            "recipients": "Ủy ban nhân dân tỉnh Lai Châu.",
            "signer_name": "Nguyễn Văn An",
            "symbol": "SNNMT-KHTC",
        },
    )
    document = Document(BytesIO(letter_file(DAY, ".docx").content))
    assert "Kính gửi:\tỦy ban nhân dân tỉnh Lai Châu." in texts(document)
    assert texts(document.tables[1].rows[0].cells[1])[-1] == "Nguyễn Văn An"
    assert texts(document.tables[0].rows[1].cells[0])[0] == "Số:           /SNNMT-KHTC"


def test_the_page_is_a4_with_the_margins_and_font_of_decree_30(letter):
    section = letter.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.orientation == WD_ORIENT.PORTRAIT
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    normal = letter.styles["Normal"]
    assert (normal.font.name, normal.font.size.pt) == ("Times New Roman", 14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }
    runs = [r for p in letter.paragraphs for r in p.runs]
    runs += [r for t in letter.tables[:2] for c in t._cells for p in c.paragraphs for r in p.runs]
    assert {run.font.name for run in runs} <= {None}  # every run inherits Times New Roman
    assert {run.font.size.pt for run in runs if run.font.size} <= {11, 12, 13, 14}


def test_body_paragraphs_are_justified_with_a_first_line_indent(letter):
    figures = next(p for p in letter.paragraphs if p.text == SENTENCE)
    assert figures.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(figures.paragraph_format.first_line_indent.cm, 2) == 1.27


def test_pages_after_the_first_are_numbered_at_the_top(letter):
    section = letter.sections[0]
    assert section.different_first_page_header_footer
    field = section.header._element.find(f".//{qn('w:fldSimple')}")
    assert field.get(qn("w:instr")) == "PAGE"
    assert section.first_page_header.paragraphs[0].text == ""


def test_the_appendices_follow_on_landscape_pages_grouped_and_numbered(letter):
    landscape = letter.sections[1:]
    assert [s.orientation for s in landscape] == [WD_ORIENT.LANDSCAPE] * 2
    assert {(round(s.page_width.mm), round(s.page_height.mm)) for s in landscape} == {(297, 210)}
    body = texts(letter)
    assert "Phụ lục I" in body and "Phụ lục II" in body
    assert "DANH SÁCH SẢN PHẨM OCOP CÒN HIỆU LỰC" in body
    assert body.count("(Tính đến ngày 31/12/2025)") == 2
    first, second = letter.tables[2], letter.tables[3]
    assert list_rows(first) == (VALID_ROWS, GROUPS)
    assert list_rows(second) == (EXPIRED_ROWS, ["Xã Bum Tở", "Xã Nậm Sỏ"])
    header = [cell.text for cell in first.rows[0].cells]
    assert header == [
        "STT",
        "Tên sản phẩm",
        "Chủ thể",
        "Địa chỉ",
        "Hạng sao",
        "Quyết định công nhận (số, ngày)",
        "Cơ quan ban hành",
        "Hiệu lực đến hết ngày",
    ]
    assert first.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    honey = [cell.text for cell in first.rows[2].cells]
    assert honey[4:] == ["4", "202/QĐ-UBND ngày 20/02/2024", "UBND tỉnh", "20/02/2027"]


def test_the_lists_alone_are_a_landscape_word_file(registry):
    document = Document(BytesIO(lists_file(DAY, ".docx").content))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert list_rows(document.tables[0])[0] == VALID_ROWS
    assert list_rows(document.tables[1])[0] == EXPIRED_ROWS
    assert any(t.startswith("(Kèm theo Công văn số      /SNNMT-PTNT&QLCL") for t in texts(document))


def test_an_empty_registry_still_gives_a_letter(db):
    document = Document(BytesIO(letter_file(DAY, ".docx").content))
    assert "0 sản phẩm, trong đó không có sản phẩm nào đạt hạng sao, của 0 chủ thể" in (
        "\n".join(texts(document))
    )
    assert document.tables[2].rows[1].cells[0].text == "Không có sản phẩm."


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sở Nông nghiệp và Môi trường".upper(), ["SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"]),
        ("SỞ CÔNG THƯƠNG", ["SỞ CÔNG THƯƠNG"]),
        ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", ["SỞ KHOA HỌC", "VÀ CÔNG NGHỆ"]),
    ],
)
def test_a_long_issuing_body_goes_on_two_balanced_lines(name, expected):
    assert balanced_lines(name) == expected


def test_the_command_writes_the_letter(registry, tmp_path):
    out = StringIO()
    target = tmp_path / "cong-van.docx"
    call_command("report", "letter", "--as-of", "2025-12-31", "-o", str(target), stdout=out)
    assert out.getvalue() == f"Đã ghi {target}. {SUMMARY}\n"
    assert SENTENCE in "\n".join(texts(Document(target)))


def test_the_reports_documentation_names_the_commands_and_the_page():
    guide = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    for needle in ["ocop report letter", "ocop report lists", "ocop report expiring", "/bao-cao/"]:
        assert needle in guide
    for field in LetterTexts._meta.fields:
        if getattr(field, "verbose_name", None) and field.name in DEFAULTS:
            assert str(field.verbose_name) in guide, field.name
    assert (ROOT / "docs" / "letter-page1.png").exists()


SAMPLE = SAMPLES / "ocop-mau-2019-2026.xlsx"
EXPECTED = json.loads((SAMPLES / "ocop-mau-2019-2026.expected.json").read_text())["2025-12-31"]


@pytest.mark.skipif(
    not apps.is_installed("ocop.imports"),
    reason="needs the importer (ocop.imports, `ocop import`), which is not installed yet",
)
def test_the_sample_lists_letter_carries_the_expected_figures(tmp_path):
    call_command("import", str(SAMPLE), stdout=StringIO(), stderr=StringIO())
    stars = EXPECTED["valid_by_stars"]
    sentence = (
        f"1. Số sản phẩm OCOP còn thời hạn: {EXPECTED['valid_products']} sản phẩm, trong đó "
        f"{stars['4']} sản phẩm đạt hạng 4 sao, {stars['3']} sản phẩm đạt hạng 3 sao, của "
        f"{EXPECTED['producers']} chủ thể tại {EXPECTED['communes']} xã, phường;"
    )
    assert stars["5"] == 0
    letter = Document(BytesIO(letter_file(DAY, ".docx").content))
    assert any(text.startswith(sentence) for text in texts(letter))
    assert len(list_rows(letter.tables[2])[0]) == EXPECTED["valid_products"]
    assert len(list_rows(letter.tables[3])[0]) == EXPECTED["expired_products"]

    book = openpyxl.load_workbook(BytesIO(lists_file(DAY, ".xlsx").content))
    numbers = {
        name: [
            row[0]
            for row in book[name].iter_rows(min_row=6, values_only=True)
            if isinstance(row[0], int)  # not a group heading, nor the note under the table
        ]
        for name in book.sheetnames
    }
    assert numbers["Phụ lục I"] == list(range(1, EXPECTED["valid_products"] + 1))
    assert numbers["Phụ lục II"] == list(range(1, EXPECTED["expired_products"] + 1))

    pdf = tmp_path / "cong-van.pdf"
    pdf.write_bytes(letter_file(DAY, ".pdf").content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert " ".join(sentence.split()) in " ".join(text.split())
