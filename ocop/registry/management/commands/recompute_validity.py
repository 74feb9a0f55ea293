from django.core.management.base import BaseCommand, CommandError

from ocop.registry.models import Province
from ocop.registry.validity_store import recompute_validity


class Command(BaseCommand):
    help = (
        "Tính lại ngày hết hiệu lực của mọi quyết định theo quy tắc của tỉnh (sau khi bật/tắt "
        "lùi ngày qua ngày nghỉ hoặc sửa danh sách ngày nghỉ lễ)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", metavar="MÃ", help="mã tỉnh (mặc định: mọi tỉnh)")

    def handle(self, *args, **options):
        province = None
        if options["province"]:
            province = Province.objects.filter(code=options["province"]).first()
            if province is None:
                raise CommandError(f"Không có tỉnh mã {options['province']!r}.", returncode=2)
        changed = recompute_validity(province)
        self.stdout.write(f"Đã cập nhật ngày hết hiệu lực của {changed} quyết định.")
