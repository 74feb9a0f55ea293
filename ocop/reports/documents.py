"""The files the department downloads, by kind and format: one place for the command line and
the web page. Every file is built from checked lists (ocop.reports.lists.checked_lists)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from ocop.domain.dates import format_date
from ocop.registry.models import Product, Province
from ocop.reports import docx_writer, pdf, xlsx_writer
from ocop.reports.letter import build_letter, letter_reference
from ocop.reports.lists import checked_lists, expiring_list
from ocop.reports.models import LetterTexts
from ocop.reports.properties import DocumentProperties

FORMATS = {
    "letter": (".docx", ".pdf"),
    "lists": (".xlsx", ".docx", ".pdf"),
    "expiring": (".xlsx", ".docx"),
}
CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
}


@dataclass(frozen=True)
class File:
    name: str
    content: bytes
    note: str = ""  # what the file holds, in a sentence for the officer

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.name[self.name.rindex(".") :]]


def default_province() -> Province:
    return Province.objects.get(code=settings.OCOP_PROVINCE)


def letter_file(
    day: date, fmt: str, province: Province | None = None, issued_on: date | None = None
) -> File:
    letter = build_letter(day, province or default_province(), issued_on)
    content = docx_writer.letter_docx(letter)
    if fmt == ".pdf":
        content = pdf.docx_to_pdf(content)
    note = letter.figures.sentence()
    return File(f"cong-van-ocop-{day.isoformat()}{fmt}", content, note)


def lists_file(
    day: date, fmt: str, province: Province | None = None, issued_on: date | None = None
) -> File:
    province = province or default_province()
    lists = checked_lists(day, Product.objects.in_province(province))
    reference = letter_reference(province, lists.figures, issued_on)
    title = f"Danh sách sản phẩm OCOP (tính đến ngày {format_date(day)})"
    properties = issued_by(province, title)
    if fmt == ".xlsx":
        content = xlsx_writer.lists_xlsx(lists.valid, lists.expired, reference, properties)
    else:
        content = docx_writer.lists_docx(lists.valid, lists.expired, reference, properties)
        if fmt == ".pdf":
            content = pdf.docx_to_pdf(content)
    note = f"Phụ lục I: {len(lists.valid)} sản phẩm; Phụ lục II: {len(lists.expired)} sản phẩm."
    return File(f"danh-sach-ocop-{day.isoformat()}{fmt}", content, note)


def expiring_file(start: date, end: date, fmt: str, province: Province | None = None) -> File:
    province = province or default_province()
    products = Product.objects.in_province(province)
    product_list = expiring_list(start, end, products)
    period = f"(Hết thời hạn công nhận từ ngày {format_date(start)} đến ngày {format_date(end)})"
    properties = issued_by(province, f"{product_list.title} {period}")
    if fmt == ".xlsx":
        content = xlsx_writer.expiring_xlsx(product_list, period, properties)
    else:
        content = docx_writer.expiring_docx(product_list, period, properties)
    note = f"{len(product_list)} sản phẩm {period[1:-1].lower()}."
    return File(f"sap-het-han-{start.isoformat()}-{end.isoformat()}{fmt}", content, note)


def issued_by(province: Province, title: str) -> DocumentProperties:
    """The properties of a file the province's department sends (the letter takes its own)."""
    return DocumentProperties(LetterTexts.for_province(province).issuing_body, title)


MAKERS = {"letter": letter_file, "lists": lists_file, "expiring": expiring_file}


def make(
    kind: str, dates, fmt: str, province: Province | None = None, issued_on: date | None = None
) -> File:
    """The file of one kind ("letter", "lists", "expiring") for its dates, in a format;
    `issued_on` dates the letter (and the lists' line naming it) instead of the month after."""
    if issued_on is not None:
        return MAKERS[kind](*dates, fmt, province, issued_on)
    return MAKERS[kind](*dates, fmt, province)
