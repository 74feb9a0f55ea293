"""The letter and the lists as Word documents, laid out per Decree 30/2020/NĐ-CP (Appendix I):
A4, Times New Roman, margins top 20, bottom 20, left 30, right 15 mm; the two-column header;
page numbers at the top centre from page 2; the appendices on landscape pages."""

import re
from io import BytesIO
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from ocop.domain.dates import format_date
from ocop.reports.letter import Letter
from ocop.reports.lists import ProductList
from ocop.reports.properties import DocumentProperties

# Characters XML 1.0 cannot hold; a pasted one must not stop the letter.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_CM = (PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]) / 10  # 16.5
# The two-column header is wider than the text by 0.6 cm, shared between the margins, as the
# department's own: the left column holds the subject "V/v …" on two lines at 12 pt, the
# right one the motto on one.
HEADER_COLUMNS_CM = (7.7, TEXT_WIDTH_CM + 0.6 - 7.7)
LINE_CHARS = 22  # longer names of the issuing body go on two balanced lines

LIST_COLUMNS = [  # (heading, width in cm on a landscape page 25.2 cm wide)
    ("STT", 1.2),
    ("Tên sản phẩm", 3.9),
    ("Chủ thể", 4.3),
    ("Địa chỉ", 5.4),  # the longest text: two lines, not four
    ("Hạng sao", 1.5),
    ("Quyết định công nhận (số, ngày)", 3.5),
    ("Cơ quan ban hành", 3.0),
    ("Hiệu lực đến hết ngày", 2.4),
]
EXPIRING_COLUMNS = [
    ("STT", 1.2),
    ("Tên sản phẩm", 3.9),
    ("Chủ thể", 4.1),
    ("Liên hệ (người đại diện, điện thoại, thư điện tử)", 5.0),
    ("Địa chỉ", 3.0),
    ("Hạng sao", 1.7),
    ("Quyết định công nhận (số, ngày)", 3.9),
    ("Hiệu lực đến hết ngày", 2.4),
]


def letter_docx(letter: Letter) -> bytes:
    document = new_document()
    DocumentProperties(letter.author, letter.subject).stamp_docx(document)
    _header_table(document, letter)
    _recipients(document, letter.recipients)
    for paragraph in letter.paragraphs:
        _body_paragraph(document, paragraph.text, paragraph.kind)
    _signature_table(document, letter)
    for number, product_list in (("I", letter.lists.valid), ("II", letter.lists.expired)):
        _landscape_section(document)
        _appendix(document, number, product_list, letter.appendix_reference)
    return _saved(document)


def lists_docx(
    valid: ProductList,
    expired: ProductList,
    reference: str = "",
    properties: DocumentProperties | None = None,
) -> bytes:
    document = new_document(landscape=True)
    (properties or DocumentProperties("", valid.title)).stamp_docx(document)
    _restart_page_numbers(document.sections[0])
    _appendix(document, "I", valid, reference)
    _landscape_section(document)
    _appendix(document, "II", expired, reference)
    return _saved(document)


def expiring_docx(
    product_list: ProductList, period: str, properties: DocumentProperties | None = None
) -> bytes:
    document = new_document(landscape=True)
    (properties or DocumentProperties("", product_list.title)).stamp_docx(document)
    _centred(document, product_list.title, bold=True)
    _centred(document, period, italic=True, size=13)
    _table(document, EXPIRING_COLUMNS, product_list, _expiring_cells)
    return _saved(document)


def new_document(landscape: bool = False) -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    _margins(section)
    if landscape:
        _turn(section)
    _page_numbers_from_page_two(section)
    _normal_style(document)
    return document


def _margins(section) -> None:
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = section.footer_distance = Mm(10)


def _turn(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_MM[1]), Mm(PAGE_MM[0])


def _normal_style(document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:cs"):  # python-docx sets only ascii and hAnsi
        fonts.set(qn(attribute), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN")
    style.element.get_or_add_rPr().append(language)
    spacing = style.paragraph_format
    spacing.space_before, spacing.space_after = Pt(0), Pt(0)
    spacing.line_spacing_rule = WD_LINE_SPACING.SINGLE
    document.core_properties.language = "vi-VN"


def _page_numbers_from_page_two(section) -> None:
    # Decree 30/2020: the number of each page from the second, at the top centre.
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _header_table(document, letter: Letter) -> None:
    table = _borderless_table(document, 2, HEADER_COLUMNS_CM)
    left, right = table.rows[0].cells
    _line(left.paragraphs[0], letter.parent_body, size=13)
    for part in balanced_lines(letter.issuing_body):
        _line(left.add_paragraph(), part, size=13, bold=True)
    _rule(left, width_cm=2.6, cell_cm=HEADER_COLUMNS_CM[0])
    _line(right.paragraphs[0], letter.motto, size=12, bold=True)
    _line(right.add_paragraph(), letter.motto_line, size=14, bold=True)
    _rule(right, width_cm=6.0, cell_cm=HEADER_COLUMNS_CM[1])
    left, right = table.add_row().cells
    _set_widths(table.rows[1].cells, HEADER_COLUMNS_CM)
    _line(left.paragraphs[0], letter.number, size=13, space_before=6)
    _line(left.add_paragraph(), letter.subject, size=12, space_before=3)
    _line(right.paragraphs[0], letter.place_and_date, size=14, italic=True, space_before=6)


def balanced_lines(text: str) -> list[str]:
    """A long name on two lines of about the same length ("SỞ NÔNG NGHIỆP / VÀ MÔI
    TRƯỜNG"), as the department types it, rather than one word left alone."""
    words = text.split()
    if len(text) <= LINE_CHARS or len(words) < 2:
        return [text]
    cuts = [(" ".join(words[:n]), " ".join(words[n:])) for n in range(1, len(words))]
    return list(min(cuts, key=lambda cut: max(len(cut[0]), len(cut[1]))))


def _recipients(document, recipients: list[str]) -> None:
    # "Kính gửi:" then one recipient a line, each after a dash, aligned on a tab stop.
    tab_cm, first = 4.5, document.add_paragraph()
    first.paragraph_format.space_before = Pt(18)
    first.paragraph_format.left_indent = Cm(2.0)
    first.paragraph_format.tab_stops.add_tab_stop(Cm(tab_cm), WD_TAB_ALIGNMENT.LEFT)
    if len(recipients) == 1:
        first.add_run(f"Kính gửi:\t{recipients[0]}")
        first.paragraph_format.space_after = Pt(12)
        return
    first.add_run(f"Kính gửi:\t- {recipients[0]}" if recipients else "Kính gửi:")
    for n, recipient in enumerate(recipients[1:], start=2):
        paragraph = document.add_paragraph(f"- {recipient}")
        paragraph.paragraph_format.left_indent = Cm(tab_cm)
        if n == len(recipients):
            paragraph.paragraph_format.space_after = Pt(12)


def _body_paragraph(document, text: str, kind: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    spacing = paragraph.paragraph_format
    spacing.first_line_indent = Cm(1.27)
    spacing.space_after = Pt(6)
    spacing.line_spacing = 1.15
    text = CONTROL_CHARACTERS.sub("", text)
    run = paragraph.add_run(f"- {text}" if kind == "item" else text)
    run.bold = kind == "heading"


def _signature_table(document, letter: Letter) -> None:
    widths = (8.0, TEXT_WIDTH_CM - 8.0)
    table = _borderless_table(document, 2, widths)
    left, right = table.rows[0].cells
    _line(left.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True, centred=False)
    for item in letter.distribution:
        _line(left.add_paragraph(), f"- {item}", size=11, centred=False)
    titles = [title for title in (letter.signer_authority, letter.signer_title) if title]
    for n, title in enumerate(titles):
        _line(right.paragraphs[0] if n == 0 else right.add_paragraph(), title, 14, bold=True)
    signature_space = right.add_paragraph()
    signature_space.paragraph_format.space_after = Pt(72)
    _line(right.add_paragraph(), letter.signer_name, size=14, bold=True)
    # Keep the signature block away from the body it follows.
    table._tbl.addprevious(_spacer(12))


def _landscape_section(document) -> None:
    """A new section for an appendix: Decree 30 numbers each appendix's pages on its own."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _margins(section)
    _turn(section)
    _restart_page_numbers(section)


def _restart_page_numbers(section) -> None:
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    # The schema's order: w:pgNumType comes right before w:cols (python-docx always adds cols).
    columns = section._sectPr.find(qn("w:cols"))
    if columns is not None:
        columns.addprevious(numbering)
    else:
        section._sectPr.append(numbering)


def _appendix(document, number: str, product_list: ProductList, reference: str) -> None:
    _centred(document, f"Phụ lục {number}", bold=True)
    _centred(document, product_list.title, bold=True)
    _centred(document, f"(Tính đến ngày {format_date(product_list.as_of)})", italic=True)
    if reference:
        _centred(document, reference, italic=True, size=13)
    _table(document, LIST_COLUMNS, product_list, _list_cells)
    if product_list.presumed_note:
        note = product_list.presumed_note
        _line(document.add_paragraph(), note, TABLE_PT, italic=True, centred=False, space_before=6)


def _table(document, columns, product_list: ProductList, cells) -> None:
    # Rows are written as XML: python-docx's cell API takes about a millisecond a cell, which
    # is seconds for a province's list.
    document.add_paragraph().paragraph_format.space_after = Pt(3)
    widths = [Cm(width).twips for _, width in columns]
    table = document.add_table(rows=0, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, (_, width) in zip(table.columns, columns, strict=True):
        column.width = Cm(width)
    style = _table_style(document).style_id
    headings = [(heading, True) for heading, _ in columns]
    table._tbl.append(_xml_row(style, headings, widths, bold=True, header=True, keep=True))
    for group in product_list.groups:
        # Kept with its first product: a heading never ends a page on its own.
        group_row = _xml_row(
            style, [(group.unit, False)], [sum(widths)], len(widths), bold=True, keep=True
        )
        table._tbl.append(group_row)
        for row in group.rows:
            table._tbl.append(_xml_row(style, cells(row), widths))
    if not len(product_list):
        nothing = [("Không có sản phẩm.", True)]
        table._tbl.append(_xml_row(style, nothing, [sum(widths)], len(widths), italic=True))


def _table_style(document):
    name = "OCOP Table Text"
    if name in [style.name for style in document.styles]:
        return document.styles[name]
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(TABLE_PT)
    return style


def _xml_row(style, values, widths, span=1, bold=False, italic=False, header=False, keep=False):
    """One table row; with `span`, its single cell spans that many columns; with `keep`, on
    the same page as the next row (keep-with-next on its paragraphs, which Word and
    LibreOffice both honour for table rows)."""
    span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    keep_next = "<w:keepNext/>" if keep else ""
    run_properties = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}'
        f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/>{keep_next}'
        f'<w:jc w:val="{"center" if centred else "left"}"/></w:pPr>'
        f"<w:r><w:rPr>{run_properties}</w:rPr>"
        f'<w:t xml:space="preserve">{escape(CONTROL_CHARACTERS.sub("", text))}</w:t></w:r>'
        "</w:p></w:tc>"
        for (text, centred), width in zip(values, widths, strict=True)
    )
    repeat = "<w:tblHeader/>" if header else ""
    return parse_xml(f"<w:tr {nsdecls('w')}><w:trPr><w:cantSplit/>{repeat}</w:trPr>{cells}</w:tr>")


def _list_cells(row) -> list[tuple[str, bool]]:
    """(text, centred) per column of Phụ lục I and II."""
    return [
        (str(row.number), True),
        (row.product, False),
        (row.producer, False),
        (row.address, False),
        (str(row.stars), True),
        (f"{row.decision_number} ngày {format_date(row.decided_on)}", False),
        (row.issuer_shown, False),
        (format_date(row.last_valid_day), True),
    ]


def _expiring_cells(row) -> list[tuple[str, bool]]:
    contacts = "; ".join(part for part in (row.representative, row.phone, row.email) if part)
    return [
        (str(row.number), True),
        (row.product, False),
        (row.producer, False),
        (contacts, False),
        (row.address, False),
        (str(row.stars), True),
        (f"{row.decision_number} ngày {format_date(row.decided_on)}", False),
        (format_date(row.last_valid_day), True),
    ]


def _borderless_table(document, columns: int, widths):
    table = document.add_table(rows=1, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_widths(table, widths)
    return table


def _fix_widths(table, widths) -> None:
    # Word reads each cell's width, LibreOffice the grid's; set both, and a fixed layout.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    _set_widths(table.rows[0].cells, widths)


def _set_widths(cells, widths) -> None:
    for cell, width in zip(cells, widths, strict=True):
        cell.width = Cm(width)


def _line(paragraph, text, size, bold=False, italic=False, centred=True, space_before=0):
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_before = Pt(space_before)
    run = paragraph.add_run(CONTROL_CHARACTERS.sub("", text))
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _centred(document, text, bold=False, italic=False, size=BODY_PT):
    return _line(document.add_paragraph(), text, size=size, bold=bold, italic=italic)


def _rule(cell, width_cm: float, cell_cm: float) -> None:
    """The short line under the issuing body and under the motto: a bottom border on an
    empty paragraph narrowed by its indents."""
    paragraph = cell.add_paragraph()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    indent = Cm(max(cell_cm - 0.2 - width_cm, 0) / 2)  # 0.2 cm: the cell's own padding
    spacing = paragraph.paragraph_format
    spacing.left_indent = spacing.right_indent = indent
    spacing.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    spacing.line_spacing = Pt(2)


def _spacer(points: int):
    paragraph = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), str(points * 20))
    properties.append(spacing)
    paragraph.append(properties)
    return paragraph


def _saved(document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
