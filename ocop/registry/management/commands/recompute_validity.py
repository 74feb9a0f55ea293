from django.core.management.base import BaseCommand, CommandError

from ocop.registry.derived import recompute
from ocop.registry.models import Province


class Command(BaseCommand):
    help = (
        "Kiểm tra và tính lại mọi giá trị suy ra của quyết định (ngày hết hiệu lực theo quy tắc "
        "của tỉnh, liên kết tới quyết định kế tiếp). Mọi đường ghi đã tự giữ chúng đúng, nên "
        "lệnh này thường báo 0; khác 0 nghĩa là dữ liệu đã bị sửa ngoài hệ thống."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", metavar="MÃ", help="mã tỉnh (mặc định: mọi tỉnh)")

    def handle(self, *args, **options):
        province = None
        if options["province"]:
            province = Province.objects.filter(code=options["province"]).first()
            if province is None:
                raise CommandError(f"Không có tỉnh mã {options['province']!r}.", returncode=2)
        result = recompute(province)
        self.stdout.write(
            f"Đã sửa ngày hết hiệu lực của {result.last_valid_days} quyết định và liên kết "
            f"của {result.links} quyết định."
        )
