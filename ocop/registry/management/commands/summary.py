import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ocop.cli_options import DAY, DAY_FORMS, day, warn_outside_programme
from ocop.registry.models import Product, Province
from ocop.registry.summary import summarize


class Command(BaseCommand):
    help = (
        "Số liệu sản phẩm OCOP tại một ngày (mặc định: hôm nay): còn hiệu lực theo hạng sao, "
        "số chủ thể, số xã/phường, hết thời hạn, bị thu hồi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", type=day, metavar=DAY, help=f"ngày tính số liệu ({DAY_FORMS})"
        )
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")
        parser.add_argument(
            "--province", metavar="MÃ", help="chỉ tính sản phẩm của một tỉnh (mặc định: tất cả)"
        )
        parser.add_argument(
            "--breakdowns",
            action="store_true",
            help="kèm phân tích theo xã/phường, nhóm sản phẩm, loại hình chủ thể",
        )

    def handle(self, *args, **options):
        as_of = options["as_of"] or timezone.localdate()
        warn_outside_programme(self, as_of)
        products = None
        if options["province"]:
            province = Province.objects.filter(code=options["province"]).first()
            if province is None:
                raise CommandError(f"Không có tỉnh mã {options['province']!r}.", returncode=2)
            products = Product.objects.in_province(province)
        summary = summarize(as_of, products, breakdowns=options["breakdowns"])
        if options["json"]:
            self.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1))
        else:
            self.stdout.write(summary.sentence())
