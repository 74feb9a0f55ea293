from django.core.management.base import BaseCommand, CommandError

from ocop.domain.dates import parse_iso_day
from ocop.registry.generate import generate


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu mẫu (có hạt giống, lặp lại được): danh sách Lai Châu cho bản trình diễn, "
        "hoặc dữ liệu quy mô toàn quốc để đo hiệu năng (--products 50000 --provinces 34)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=positive, default=300, help="số sản phẩm")
        parser.add_argument("--provinces", type=positive, default=1, help="số tỉnh (1 đến 34)")
        parser.add_argument("--seed", type=int, default=2025, help="hạt giống ngẫu nhiên")
        parser.add_argument("--today", metavar="YYYY-MM-DD", help="ngày cuối của dữ liệu")

    def handle(self, *args, **options):
        if options["provinces"] > 34:
            raise CommandError("--provinces: cả nước có 34 tỉnh, thành phố.", returncode=2)
        try:
            today = parse_iso_day(options["today"]) if options["today"] else None
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        counts = generate(
            options["products"], options["provinces"], seed=options["seed"], today=today
        )
        self.stdout.write(
            f"Đã sinh {counts.products} sản phẩm, {counts.producers} chủ thể, "
            f"{counts.decisions} quyết định công nhận."
        )
