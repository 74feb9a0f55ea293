from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ocop.imports.export import export

FORMATS = ("xlsx", "csv")


class Command(BaseCommand):
    help = (
        "Xuất toàn bộ sổ đăng ký (mỗi quyết định một dòng) ra tệp .xlsx hoặc .csv theo một bố "
        "cục sạch; `ocop import` đọc lại tệp này ra đúng trạng thái cũ."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="tệp cần ghi")
        parser.add_argument(
            "--format", choices=FORMATS, help="phải khớp với đuôi tệp (mặc định: theo đuôi tệp)"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        fmt = path.suffix.lower().lstrip(".")
        # `ocop import` picks the reader by the extension: a file named for another format
        # would not read back.
        if fmt not in FORMATS:
            raise CommandError(
                f"Tên tệp {path.name} cần có đuôi .xlsx hoặc .csv (đuôi chọn định dạng).",
                returncode=2,
            )
        if options["format"] and options["format"] != fmt:
            raise CommandError(
                f"--format {options['format']} không khớp với đuôi .{fmt} của tệp {path.name}: "
                f"đổi tên tệp thành {path.stem}.{options['format']} hoặc bỏ --format.",
                returncode=2,
            )
        if not path.parent.is_dir():
            raise CommandError(f"Không có thư mục {path.parent}", returncode=2)
        count = export(path, fmt)
        self.stdout.write(f"Đã xuất {count} quyết định vào {path}")
