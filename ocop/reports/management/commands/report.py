import argparse
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ocop.cli_messages import os_error_reason
from ocop.cli_options import DAY, DAY_FORMS, day, warn_outside_programme
from ocop.domain.dates import format_date
from ocop.registry.models import Product, Province
from ocop.reports import documents
from ocop.reports.letter import IssueDate, LetterTextsError
from ocop.reports.lists import FiguresMismatch, ProductList, expiring_list
from ocop.reports.pdf import PdfError

DESCRIPTION = """\
Công văn hằng năm về sản phẩm OCOP và các danh sách kèm theo, tại bất kỳ ngày nào.
  ocop report letter --as-of 2025-12-31 -o cong-van.docx   (hoặc .pdf)
  ocop report lists --as-of 2025-12-31 -o danh-sach.xlsx   (hoặc .docx, .pdf)
  ocop report expiring --from 2026-01-01 --to 2026-03-31 [-o sap-het-han.xlsx]
Số liệu của công văn được tính lại từ danh sách trước khi ghi tệp; lệch nhau là lỗi."""
DEFAULT_WINDOW_DAYS = 90


class Command(BaseCommand):
    help = DESCRIPTION

    def add_arguments(self, parser):
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="{letter,lists,expiring}")
        letter = kinds.add_parser(
            "letter", help="công văn (Phụ lục I, II ở cuối)", description="Công văn kèm phụ lục."
        )
        lists = kinds.add_parser(
            "lists",
            help="Phụ lục I (còn hiệu lực) và II (hết thời hạn, chưa đánh giá lại)",
            description="Phụ lục I và Phụ lục II.",
        )
        expiring = kinds.add_parser(
            "expiring",
            help="sản phẩm hết thời hạn công nhận trong một khoảng ngày, kèm liên hệ chủ thể",
            description="Sản phẩm có ngày cuối hiệu lực trong khoảng, để hướng dẫn đánh giá lại.",
        )
        for subparser in (letter, lists):
            subparser.add_argument(
                "--as-of", type=day, metavar=DAY, help=f"ngày tính, {DAY_FORMS} (hôm nay)"
            )
            subparser.add_argument(
                "--issued-on",
                type=day,
                metavar=DAY,
                help="ngày ban hành công văn (mặc định: tháng sau ngày tính, ngày để trống "
                "cho văn thư ghi tay)",
            )
        expiring.add_argument(
            "--from", dest="start", type=day, metavar=DAY, help=f"từ ngày, {DAY_FORMS} (hôm nay)"
        )
        expiring.add_argument(
            "--to", dest="end", type=day, metavar=DAY, help=f"đến ({DEFAULT_WINDOW_DAYS} ngày sau)"
        )
        for kind, subparser in (("letter", letter), ("lists", lists), ("expiring", expiring)):
            formats = ", ".join(documents.FORMATS[kind])
            subparser.add_argument(
                "-o", "--output", metavar="FILE", help=f"tệp ghi ra; đuôi chọn định dạng: {formats}"
            )
            subparser.add_argument(
                "--province", metavar="MÃ", help="mã tỉnh (mặc định OCOP_PROVINCE)"
            )
        parser.epilog = "\n".join(p.format_help() for p in (letter, lists, expiring))

    def handle(self, *args, **options):
        # Options are checked before the database is touched: a typo costs nothing.
        kind = options["kind"]
        output = _output(kind, options["output"])
        if kind == "expiring":
            dates = _window(options["start"], options["end"])
        else:
            dates = (options["as_of"] or timezone.localdate(),)
        warn_outside_programme(self, *dates)
        _check_issue_date(dates[0], options.get("issued_on"))
        province = _province(options["province"] or settings.OCOP_PROVINCE)
        if output is None:
            products = Product.objects.in_province(province)
            return self.stdout.write(as_text(expiring_list(*dates, products)))
        try:
            file = documents.make(
                kind, dates, output.suffix.lower(), province, options.get("issued_on")
            )
        except LetterTextsError as exc:
            raise CommandError(str(exc), returncode=2) from None
        except (FiguresMismatch, PdfError) as exc:
            raise CommandError(str(exc), returncode=1) from None
        _write(output, file.content)
        self.stdout.write(f"Đã ghi {output}. {file.note}")


def _check_issue_date(report_day, issued_on) -> None:
    try:
        IssueDate.for_report(report_day, issued_on)
    except ValueError as exc:
        raise CommandError(str(exc), returncode=2) from None


def _province(code: str) -> Province:
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise CommandError(f"Không có tỉnh mã {code!r}.", returncode=2)
    return province


def _output(kind: str, name: str | None) -> Path | None:
    formats = documents.FORMATS[kind]
    if name is None:
        if kind == "expiring":
            return None
        raise CommandError(f"Cần tên tệp ghi ra: -o TỆP ({', '.join(formats)}).", returncode=2)
    path = Path(name)
    if path.suffix.lower() not in formats:
        raise CommandError(
            f"Không ghi được định dạng '{path.suffix or path.name}' cho '{kind}': "
            f"tên tệp cần có đuôi {', '.join(formats)}.",
            returncode=2,
        )
    return path


def _window(start, end):
    start = start or timezone.localdate()
    end = end or start + timedelta(days=DEFAULT_WINDOW_DAYS)
    if end < start:
        raise CommandError(
            f"Khoảng ngày không hợp lệ: --to {format_date(end)} trước --from {format_date(start)}.",
            returncode=2,
        )
    return start, end


def _write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise CommandError(
            f"Không ghi được tệp {path}: {os_error_reason(exc)}.", returncode=1
        ) from None


def as_text(product_list: ProductList) -> str:
    lines = [f"{product_list.title} ({len(product_list)} sản phẩm)"]
    for group in product_list.groups:
        lines.append(group.unit)
        for row in group.rows:
            contacts = ", ".join(p for p in (row.representative, row.phone, row.email) if p)
            lines.append(
                f"  {row.number}. {row.product} — {row.producer}"
                f"{f' ({contacts})' if contacts else ''} — {row.stars} sao, "
                f"{row.decision_number} ngày {format_date(row.decided_on)}, "
                f"hiệu lực đến hết ngày {format_date(row.last_valid_day)}"
            )
    return "\n".join(lines)
