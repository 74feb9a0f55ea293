from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ocop.registry.models import Province
from ocop.registry.reference import load_units


class Command(BaseCommand):
    help = (
        "Nạp bảng xã/phường từ 01/07/2025 của một tỉnh và các đơn vị cũ sáp nhập vào "
        "(cùng định dạng với laichau_units_2025.csv); chạy lại không tạo bản trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp CSV (new_code,new_name,new_type,old_units,...)")
        parser.add_argument("--province", required=True, metavar="MÃ", help="mã tỉnh, ví dụ 12")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.", returncode=2)
        if not Province.objects.filter(code=options["province"]).exists():
            raise CommandError(f"Không có tỉnh mã {options['province']!r}.", returncode=2)
        try:
            with transaction.atomic():
                units, old = load_units(apps, path, options["province"])
        except (KeyError, ValueError) as exc:
            raise CommandError(f"{path}: tệp không đúng định dạng ({exc}).", returncode=2) from None
        self.stdout.write(f"Đã nạp {units} xã/phường và {old} đơn vị cũ.")
