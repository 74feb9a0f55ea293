import getpass
import socket
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError

from ocop.imports.engine import import_files
from ocop.imports.readers import EXTENSIONS


class Command(BaseCommand):
    help = (
        "Nhập danh sách sản phẩm OCOP từ tệp .xlsx, .xls hoặc .csv. Kiểm tra mọi dòng trước; "
        "có một dòng lỗi thì không ghi gì và thoát với mã 1. Ghi trong một giao dịch."
    )
    # Every tagged check but those of the URLs, admin and templates: loading every page's
    # views to check their URLs took 0.7 s of CPU (2 s on a loaded machine) of an import,
    # which serves no page (bench/bench_import.py). The three untagged checks (axes'
    # settings, the auth middleware, django-tasks' TASKS) are skipped with them; `ocop
    # check`, `migrate` and the server run them all.
    requires_system_checks = [
        Tags.caches, Tags.commands, Tags.compatibility, Tags.files, Tags.models,
        Tags.security, Tags.staticfiles, Tags.translation,
    ]  # fmt: skip

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="tệp danh sách")
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ kiểm tra và báo cáo, không ghi gì"
        )
        parser.add_argument("--province", metavar="CODE", help="mã tỉnh (mặc định OCOP_PROVINCE)")
        parser.add_argument("--user", metavar="USERNAME", help="người nhập, ghi vào nhật ký")

    def handle(self, *args, **options):
        paths = [Path(name) for name in options["files"]]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"Không tìm thấy tệp: {path}", returncode=2)
            if path.suffix.lower() not in EXTENSIONS:
                raise CommandError(
                    f"Không nhập được tệp {path.name}: chỉ nhận {', '.join(EXTENSIONS)}",
                    returncode=2,
                )
        result = import_files(
            paths,
            user=self._user(options["user"]),
            operator=f"{getpass.getuser()}@{socket.gethostname()} (dòng lệnh)",
            dry_run=options["dry_run"],
            province_code=options["province"],
            progress=lambda message: self.stderr.write(f"{message}…"),
        )
        for line in result.lines():
            self.stdout.write(line)
        if not result.ok:
            self.stdout.write("Không ghi gì vào cơ sở dữ liệu.")
            raise CommandError("Nhập không thành công: có lỗi.", returncode=1)

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Không có người dùng {username}", returncode=2) from None
