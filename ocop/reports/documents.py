"""The files the department downloads, by kind and format: one place for the command line and
the web page. Every file is built from checked lists (ocop.reports.lists.checked_lists)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from ocop.domain.dates import format_date
from ocop.registry.models import Product, Province
from ocop.reports import docx_writer, pdf, xlsx_writer
from ocop.reports.letter import appendix_reference, build_letter, figures_sentence
from ocop.reports.lists import checked_lists, expiring_list
from ocop.reports.models import LetterTexts

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


def letter_file(day: date, fmt: str, province: Province | None = None) -> File:
    letter = build_letter(day, province or default_province(), timezone.localdate().year)
    content = docx_writer.letter_docx(letter)
    if fmt == ".pdf":
        content = pdf.docx_to_pdf(content)
    note = figures_sentence(letter.figures)
    return File(f"cong-van-ocop-{day.isoformat()}{fmt}", content, note)


def lists_file(day: date, fmt: str, province: Province | None = None) -> File:
    province = province or default_province()
    lists = checked_lists(day, Product.objects.in_province(province))
    reference = appendix_reference(LetterTexts.for_province(province), timezone.localdate().year)
    if fmt == ".xlsx":
        content = xlsx_writer.lists_xlsx(lists.valid, lists.expired, reference)
    else:
        content = docx_writer.lists_docx(lists.valid, lists.expired, reference)
        if fmt == ".pdf":
            content = pdf.docx_to_pdf(content)
    note = f"Phụ lục I: {len(lists.valid)} sản phẩm; Phụ lục II: {len(lists.expired)} sản phẩm."
    return File(f"danh-sach-ocop-{day.isoformat()}{fmt}", content, note)


def expiring_file(start: date, end: date, fmt: str, province: Province | None = None) -> File:
    products = Product.objects.in_province(province or default_province())
    product_list = expiring_list(start, end, products)
    period = f"(Hết thời hạn công nhận từ ngày {format_date(start)} đến ngày {format_date(end)})"
    if fmt == ".xlsx":
        content = xlsx_writer.expiring_xlsx(product_list, period)
    else:
        content = docx_writer.expiring_docx(product_list, period)
    note = f"{len(product_list)} sản phẩm {period[1:-1].lower()}."
    return File(f"sap-het-han-{start.isoformat()}-{end.isoformat()}{fmt}", content, note)


MAKERS = {"letter": letter_file, "lists": lists_file, "expiring": expiring_file}


def make(kind: str, dates, fmt: str, province: Province | None = None) -> File:
    """The file of one kind ("letter", "lists", "expiring") for its dates, in a format."""
    return MAKERS[kind](*dates, fmt, province)
