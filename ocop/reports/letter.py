"""The yearly letter (OCOP.md §8) as plain data: the department's texts around the figures.
The writers only lay it out; nothing here knows about Word."""

from dataclasses import dataclass
from datetime import date

from ocop.domain.dates import format_date
from ocop.registry.models import Product, Province
from ocop.registry.summary import revoked_clause
from ocop.reports.lists import Figures, Lists, checked_lists
from ocop.reports.models import LetterTexts
from ocop.reports.texts import lines

BLANK = " " * 6  # where the clerk writes the number and the day by hand
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "body"  # "body", "heading" (a numbered section) or "item" (a dash item)


@dataclass
class Letter:
    parent_body: str
    issuing_body: str
    number: str
    subject: str
    place_and_date: str
    recipients: list[str]
    paragraphs: list[Paragraph]
    distribution: list[str]
    signer_authority: str
    signer_title: str
    signer_name: str
    figures: Figures
    lists: Lists
    appendix_reference: str
    motto: str = MOTTO
    motto_line: str = MOTTO_LINE


def figures_sentence(figures: Figures) -> str:
    """The figures as the department's letter words them; the revoked as everywhere else."""
    stars = ", ".join(
        f"{n} sản phẩm {s} sao" for s, n in sorted(figures.valid_by_stars.items(), reverse=True)
    )
    valid = f"{figures.valid_products} sản phẩm OCOP còn hiệu lực"
    if stars:
        valid += f" ({stars})"
    return (
        f"Tính đến ngày {format_date(figures.as_of)}, trên địa bàn tỉnh có {valid} của "
        f"{figures.producers} chủ thể tại {figures.communes} xã, phường; "
        f"{figures.expired_products} sản phẩm đã hết thời hạn công nhận nhưng chưa được "
        "đánh giá lại (chi tiết tại Phụ lục I và Phụ lục II kèm theo)"
        f"{revoked_clause(figures.revoked_products or 0)}."
    )


def build_letter(day: date, province: Province, issued_year: int) -> Letter:
    """The checked letter of `province` on `day`; raises FiguresMismatch when the figures and
    the attached lists disagree."""
    texts = LetterTexts.for_province(province)
    lists = checked_lists(day, Product.objects.in_province(province))
    number = f"Số:{BLANK}/{texts.symbol}"
    blank_date = f"ngày{BLANK}tháng{BLANK}năm {issued_year}"
    return Letter(
        parent_body=texts.parent_body.upper(),
        issuing_body=texts.issuing_body.upper(),
        number=number,
        subject=f"V/v {texts.subject}",
        place_and_date=f"{texts.place}, {blank_date}",
        recipients=lines(texts.recipients),
        paragraphs=_paragraphs(texts, lists.figures),
        distribution=lines(texts.distribution),
        signer_authority=texts.signer_authority.upper(),
        signer_title=texts.signer_title.upper(),
        signer_name=texts.signer_name,
        figures=lists.figures,
        lists=lists,
        appendix_reference=appendix_reference(texts, issued_year),
    )


def appendix_reference(texts: LetterTexts, issued_year: int) -> str:
    """The line under each appendix's title naming the letter it is attached to."""
    return (
        f"(Kèm theo Công văn số{BLANK}/{texts.symbol} ngày{BLANK}tháng{BLANK}năm "
        f"{issued_year} của {texts.issuing_body})"
    )


def _paragraphs(texts: LetterTexts, figures: Figures) -> list[Paragraph]:
    return [
        Paragraph(texts.basis),
        Paragraph(f"1. {texts.figures_heading}", "heading"),
        Paragraph(figures_sentence(figures)),
        Paragraph(f"2. {texts.requests_heading}", "heading"),
        *(Paragraph(request, "item") for request in lines(texts.requests)),
        Paragraph(texts.closing),
    ]
