from django.core.management.base import BaseCommand, CommandError

from ocop.imports import jobs
from ocop.imports.models import ImportJob


class Command(BaseCommand):
    help = (
        "Chạy bước tiếp theo của một lần nhập từ trình duyệt (kiểm tra, hoặc ghi sau khi đã "
        "xác nhận). Tiến trình chạy nền (`ocop worker`) chạy lệnh này cho mỗi bước mà trang "
        "/lam-viec/nhap/ xếp hàng."
    )

    def add_arguments(self, parser):
        parser.add_argument("job", type=int, metavar="ID", help="số của lần nhập")

    def handle(self, *args, **options):
        try:
            job = jobs.run(options["job"])
        except ImportJob.DoesNotExist:
            raise CommandError(f"Không có lần nhập số {options['job']}", returncode=2) from None
        self.stdout.write(f"Lần nhập số {job.pk}: {job.get_state_display()}")
        if job.state == ImportJob.State.FAILED:
            raise CommandError(job.message, returncode=1)
