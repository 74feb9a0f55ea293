"""The yearly letter (OCOP.md §8) as plain data: the department's texts, templates filled with
the figures and dates. The writers only lay it out; nothing here knows about Word."""

from dataclasses import dataclass
from datetime import date

from ocop.domain import figures_text
from ocop.domain.dates import format_date, month_after, official_month, vietnamese_long_date
from ocop.registry.models import Product, Province
from ocop.registry.summary import Figures
from ocop.reports.lists import Lists, checked_lists
from ocop.reports.models import LetterTexts
from ocop.reports.placeholders import fill, problem

BLANK = " " * 6  # where the clerk writes the number and the day by hand
NUMBER_BLANK = " " * 11  # after "Số:", 13 mm at 13 pt as in the department's letters
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"


class LetterTextsError(ValueError):
    """A saved text the letter cannot fill (saved around the form's check)."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "body"  # "body", "heading" (a numbered section) or "item" (a dash item)


@dataclass(frozen=True)
class IssueDate:
    """When the letter is signed: by default in the month after the report date (the figures
    at 31/12/2025 go out in January 2026), the day left blank for the clerk."""

    day: date
    day_known: bool = False

    @classmethod
    def for_report(cls, report_day: date, issued_on: date | None = None) -> "IssueDate":
        if issued_on is None:
            return cls(month_after(report_day))
        if issued_on < report_day:
            raise ValueError(
                f"Ngày ban hành {format_date(issued_on)} trước ngày tính số liệu "
                f"{format_date(report_day)}."
            )
        return cls(issued_on, day_known=True)

    def words(self) -> str:
        return vietnamese_long_date(self.day, None if self.day_known else BLANK)


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
    author: str  # the issuing body as written (the header prints it in capitals)
    figures: Figures
    lists: Lists
    appendix_reference: str
    motto: str = MOTTO
    motto_line: str = MOTTO_LINE


def build_letter(day: date, province: Province, issued_on: date | None = None) -> Letter:
    """The checked letter of `province` on `day`; raises FiguresMismatch when the figures and
    the attached lists disagree, ValueError for an issue date before `day`."""
    issue = IssueDate.for_report(day, issued_on)
    lists = checked_lists(day, Product.objects.in_province(province))
    text = Filler(LetterTexts.for_province(province), province, lists.figures, issue)
    return Letter(
        parent_body=text("parent_body").upper(),
        issuing_body=text("issuing_body").upper(),
        number=f"Số:{NUMBER_BLANK}/{text('symbol')}",
        subject=f"V/v {text('subject')}",
        place_and_date=f"{text('place')}, {issue.words()}",
        recipients=lines(text("recipients")),
        paragraphs=[Paragraph(body) for body in body_paragraphs(text, lists.figures)],
        distribution=lines(text("distribution")),
        signer_authority=text("signer_authority").upper(),
        signer_title=text("signer_title").upper(),
        signer_name=text("signer_name"),
        author=text("issuing_body"),
        figures=lists.figures,
        lists=lists,
        appendix_reference=text.appendix_reference(),
    )


class Filler:
    """The province's texts with their placeholders filled for one report and issue date."""

    def __init__(self, texts: LetterTexts, province: Province, figures: Figures, issue):
        self.texts, self.issue = texts, issue
        self.values = placeholder_values(figures, province, issue, issuing_body="")
        self.values["co_quan"] = self("issuing_body")

    def __call__(self, name: str) -> str:
        template = getattr(self.texts, name)
        reason = problem(template)
        if reason:
            label = LetterTexts._meta.get_field(name).verbose_name
            raise LetterTextsError(f"Nội dung công văn, ô “{label}”: {reason}")
        return fill(template, self.values)

    def appendix_reference(self) -> str:
        """The line under each appendix's title naming the letter it is attached to."""
        return (
            f"(Kèm theo Công văn số{BLANK}/{self('symbol')} {self.issue.words()} "
            f"của {self.values['co_quan']})"
        )


def placeholder_values(figures: Figures, province, issue: IssueDate, issuing_body: str):
    """The value of every placeholder of ocop.reports.placeholders.PLACEHOLDERS."""
    stars = figures.valid_by_stars
    return {
        "tinh": province.name,
        "co_quan": issuing_body,
        "ngay_bao_cao": format_date(figures.as_of),
        "thang_ban_hanh": official_month(issue.day),
        "nam_ban_hanh": str(issue.day.year),
        "so_san_pham_con_han": str(figures.valid_products),
        "cac_hang_sao": figures_text.stars_breakdown(stars),
        **{f"so_{level}_sao": str(stars[level]) for level in ("5", "4", "3")},
        "so_chu_the": str(figures.producers),
        "so_xa_phuong": str(figures.communes),
        "so_san_pham_het_han": str(figures.expired_products),
        "so_san_pham_bi_thu_hoi": str(figures.revoked_products or 0),
    }


def live_values(province: Province, day: date) -> dict[str, str]:
    """What each placeholder holds for `province` on `day` in the registry now, the letter
    dated the month after (the values the letter of that day would print)."""
    lists = checked_lists(day, Product.objects.in_province(province))
    texts = LetterTexts.for_province(province)
    return Filler(texts, province, lists.figures, IssueDate.for_report(day)).values


def body_paragraphs(text: Filler, figures: Figures) -> list[str]:
    """The opening, the numbered items (the revoked one only when there are revoked products),
    the note on the attached lists, the requests and the closing paragraphs."""
    figure_items = [text("valid_item"), text("expired_item")]
    revoked = [text("revoked_item")] if figures.revoked_products else []
    requests = paragraphs(text("requests"))
    numbered = [
        f"{n}. {item}" for n, item in enumerate([*figure_items, *revoked, *requests[:1]], start=1)
    ]
    note = paragraphs(text("attachment_note"))
    return [
        *paragraphs(text("opening")),
        *numbered[:2],
        *note,
        *numbered[2:],
        *requests[1:],
        *paragraphs(text("closing")),
    ]


def letter_reference(province: Province, figures: Figures, issued_on: date | None = None) -> str:
    """The appendices' line naming their letter, for the lists sent on their own."""
    issue = IssueDate.for_report(figures.as_of, issued_on)
    return Filler(LetterTexts.for_province(province), province, figures, issue).appendix_reference()


def lines(text: str) -> list[str]:
    """The items of a one-per-line text, without the dashes someone may have typed."""
    items = (line.strip().removeprefix("-").removeprefix("–").strip() for line in text.splitlines())
    return [item for item in items if item]


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a one-per-line text, blank lines left out."""
    return [line.strip() for line in text.splitlines() if line.strip()]
