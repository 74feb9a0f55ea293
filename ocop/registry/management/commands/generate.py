from django.core.management.base import BaseCommand, CommandError

from ocop.cli_options import DAY, DAY_FORMS, day, positive, warn_outside_programme
from ocop.registry.generate import RealDataPresent, generate


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu mẫu (có hạt giống, lặp lại được): danh sách Lai Châu cho bản trình diễn, "
        "hoặc dữ liệu quy mô toàn quốc để đo hiệu năng (--products 50000 --provinces 34)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--products", type=positive, default=300, metavar="SỐ", help="số sản phẩm (300)"
        )
        parser.add_argument(
            "--provinces", type=positive, default=1, metavar="SỐ", help="số tỉnh, 1 đến 34 (1)"
        )
        parser.add_argument(
            "--seed", type=int, default=2025, metavar="SỐ", help="hạt giống ngẫu nhiên (2025)"
        )
        parser.add_argument(
            "--today", type=day, metavar=DAY, help=f"ngày cuối của dữ liệu ({DAY_FORMS})"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="sinh cả khi sổ đã có dữ liệu thật (nhập từ tệp hoặc nhập tay)",
        )

    def handle(self, *args, **options):
        if options["provinces"] > 34:
            raise CommandError("--provinces: cả nước có 34 tỉnh, thành phố.", returncode=2)
        warn_outside_programme(self, options["today"])
        try:
            counts = generate(
                options["products"],
                options["provinces"],
                seed=options["seed"],
                today=options["today"],
                force=options["force"],
            )
        except RealDataPresent as exc:
            raise CommandError(str(exc), returncode=1) from None
        self.stdout.write(
            f"Đã sinh {counts.products} sản phẩm, {counts.producers} chủ thể, "
            f"{counts.decisions} quyết định công nhận."
        )
