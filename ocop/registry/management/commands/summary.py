import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ocop.domain.dates import parse_iso_day
from ocop.registry.models import Product, Province
from ocop.registry.summary import summarize


class Command(BaseCommand):
    help = (
        "Số liệu sản phẩm OCOP tại một ngày (mặc định: hôm nay): còn hiệu lực theo hạng sao, "
        "số chủ thể, số xã/phường, hết thời hạn, bị thu hồi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="ngày tính số liệu")
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
        try:
            day = parse_iso_day(options["as_of"]) if options["as_of"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        products = None
        if options["province"]:
            province = Province.objects.filter(code=options["province"]).first()
            if province is None:
                raise CommandError(f"Không có tỉnh mã {options['province']!r}.", returncode=2)
            products = Product.objects.in_province(province)
        summary = summarize(day, products, breakdowns=options["breakdowns"])
        if options["json"]:
            self.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1))
        else:
            self.stdout.write(summary.sentence())
