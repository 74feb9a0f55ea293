from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ocop.database_state import find_problem
from ocop.shared.backup import BackupError, restore
from ocop.shared.database_copy import CopyFailed


class Command(BaseCommand):
    help = (
        "Khôi phục sổ đăng ký từ một tệp của `ocop backup` vào một cài đặt trống (đã hoặc "
        "chưa chạy `ocop migrate`): kiểm tra mã SHA-256 của mọi tệp trước, rồi thay cơ sở dữ "
        "liệu và MEDIA_ROOT. Từ chối nơi đã có dữ liệu, trừ khi có --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="TỆP", help="tệp sao lưu (.tar.gz)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="xóa và thay cả khi cơ sở dữ liệu hay thư mục tệp đã có dữ liệu",
        )

    def handle(self, *args, **options):
        try:
            manifest = restore(Path(options["file"]), force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except CopyFailed as exc:
            raise CommandError(f"Không khôi phục được cơ sở dữ liệu: {exc}") from exc
        self.stdout.write(
            f"Đã khôi phục bản sao lưu lúc {manifest['created']} (phiên bản "
            f"{manifest['version']}): cơ sở dữ liệu và {len(manifest['files']) - 1} tệp."
        )
        problem = find_problem()
        if problem is not None:
            self.stdout.write(problem.message())
