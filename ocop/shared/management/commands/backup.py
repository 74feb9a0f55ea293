from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ocop.shared.backup import backup
from ocop.shared.database_copy import CopyFailed


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ sổ đăng ký vào một tệp: cơ sở dữ liệu (SQLite: bản chụp trực tuyến; "
        "PostgreSQL: pg_dump) và mọi tệp trong MEDIA_ROOT (ảnh, hồ sơ, bản scan), kèm bản kê "
        "có mã kiểm tra SHA-256 của từng tệp. Chạy được khi trang web đang phục vụ. Xem "
        "docs/backup.md (lịch chạy hằng đêm, giữ bao nhiêu bản)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="TỆP", help="tệp sao lưu sẽ ghi (.tar.gz)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if path.is_dir():
            raise CommandError(f"{path} là một thư mục: hãy cho tên tệp, ví dụ {path}/ocop.tar.gz")
        if not path.parent.is_dir():
            raise CommandError(f"Không có thư mục {path.parent}: hãy tạo nó trước.")
        try:
            made = backup(path)
        except CopyFailed as exc:
            raise CommandError(f"Không sao lưu được cơ sở dữ liệu: {exc}") from exc
        self.stdout.write(
            f"Đã sao lưu vào {made.path}: cơ sở dữ liệu và {made.files} tệp, "
            f"{made.size / 2**20:.2f} MB."
        )
