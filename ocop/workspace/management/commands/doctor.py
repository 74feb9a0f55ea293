from django.core.management.base import BaseCommand, CommandError

from ocop.workspace.doctor import diagnose


class Command(BaseCommand):
    help = (
        "Khám toàn bộ cài đặt: cấu hình (như `ocop check --deploy`), bước chuyển đổi chưa "
        "chạy, giá trị suy ra của quyết định, trigger bị thiếu, chuỗi mã băm của nhật ký thay "
        "đổi, tệp mà dữ liệu trỏ tới nhưng không còn, tuổi của bản sao lưu gần nhất. In ra "
        "việc cần sửa; mã thoát 1 khi có việc cần sửa, 0 khi mọi thứ ổn. Không ghi gì."
    )

    def handle(self, *args, **options):
        found = diagnose()
        for finding in found:
            self.stdout.write(f"- {finding}")
        if found:
            raise CommandError(f"Cần sửa {len(found)} điều.", returncode=1)
        self.stdout.write("Mọi thứ ổn: không có gì cần sửa.")
