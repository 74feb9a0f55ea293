from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ocop.imports.export import export


class Command(BaseCommand):
    help = (
        "Xuất toàn bộ sổ đăng ký (mỗi quyết định một dòng) ra tệp .xlsx hoặc .csv theo một bố "
        "cục sạch; `ocop import` đọc lại tệp này ra đúng trạng thái cũ."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="tệp cần ghi")
        parser.add_argument("--format", choices=["xlsx", "csv"], help="mặc định: theo đuôi tệp")

    def handle(self, *args, **options):
        path = Path(options["file"])
        fmt = options["format"] or path.suffix.lower().lstrip(".")
        if fmt not in ("xlsx", "csv"):
            raise CommandError(
                "Cần --format xlsx hoặc csv (hoặc tệp đuôi .xlsx/.csv)", returncode=2
            )
        if not path.parent.is_dir():
            raise CommandError(f"Không có thư mục {path.parent}", returncode=2)
        count = export(path, fmt)
        self.stdout.write(f"Đã xuất {count} quyết định vào {path}")
