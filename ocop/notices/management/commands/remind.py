from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ocop.cli_options import DAY, DAY_FORMS, day, warn_outside_programme
from ocop.domain.dates import format_date
from ocop.domain.reminders import WEEKDAYS, parse_intervals
from ocop.notices.reminders import run
from ocop.registry.models import Province

ROLES = {"producer": "chủ thể", "commune": "cán bộ xã/phường", "department": "Sở"}


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc hạn: cho chủ thể có địa chỉ thư điện tử và cán bộ xã/phường của sản phẩm "
        "sắp hết hạn công nhận, vào các mốc trước ngày hết hạn (OCOP_REMINDER_DAYS, mặc định "
        "90 và 30 ngày), mỗi mốc một lần dù chạy lại hay bỏ lỡ một ngày; và bản tổng hợp hằng "
        "tuần cho Sở (OCOP_DIGEST_TO). Chạy mỗi ngày một lần (docs/reminders.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", type=day, metavar=DAY, help=f"chạy như vào một ngày khác ({DAY_FORMS})"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="chỉ liệt kê thư sẽ gửi; không gửi, không ghi gì",
        )
        parser.add_argument("--province", metavar="MÃ", help="mã tỉnh (mặc định: OCOP_PROVINCE)")

    def handle(self, *args, **options):
        today = options["as_of"] or timezone.localdate()
        warn_outside_programme(self, today)
        try:
            intervals = parse_intervals(settings.OCOP_REMINDER_DAYS)
        except ValueError as exc:
            raise CommandError(f"OCOP_REMINDER_DAYS: {exc}.", returncode=2) from None
        code = options["province"] or settings.OCOP_PROVINCE
        province = Province.objects.filter(code=code).first()
        if province is None:
            raise CommandError(f"Không có tỉnh mã {code!r}.", returncode=2)
        dry_run = options["dry_run"]
        messages = run(province, today, intervals=intervals, dry_run=dry_run)
        self._report(messages, province, today, intervals, dry_run)

    def _report(self, messages, province, today, intervals, dry_run):
        days = ", ".join(str(d) for d in intervals)
        self.stdout.write(
            f"Nhắc hạn {province.kind} {province.name} ngày {format_date(today)} "
            f"(nhắc trước {days} ngày; tổng hợp vào {WEEKDAYS[settings.OCOP_DIGEST_WEEKDAY]})"
            + (" — chạy thử, không gửi gì:" if dry_run else ":")
        )
        for message in messages:
            self.stdout.write("  " + self._line(message, dry_run))
        if not messages:
            self.stdout.write("  Không có thư nào cần gửi.")
            return
        if not dry_run:
            sent = sum(1 for m in messages if m.sent)
            failed = sum(1 for m in messages if m.failed)
            queued = sum(1 for m in messages if m.notice is not None) - sent - failed
            self.stdout.write(
                f"Đã gửi {sent} thư"
                + (f", {queued} thư đang chờ gửi (`ocop worker` gửi)" if queued else "")
                + (f", {failed} thư lỗi." if failed else ".")
            )
            if failed:
                raise CommandError(
                    f"{failed} thư không gửi được; lần chạy sau sẽ gửi lại.", returncode=1
                )

    def _line(self, message, dry_run) -> str:
        who = f"{message.recipient} ({ROLES.get(message.role, message.role)})"
        if message.kind == "digest":
            what = f"bản tổng hợp tuần từ ngày {format_date(message.day)}"
        else:
            what = "; ".join(
                f"{row.product.name}: nhắc trước {interval} ngày, hết hạn "
                f"{format_date(row.valid_until)}"
                for row, interval in message.items
            )
        if dry_run:
            state = "sẽ gửi"
        elif message.skipped:
            state = "bỏ qua (một lần chạy khác đã gửi)"
        elif message.sent:
            state = "đã gửi"
        elif message.failed:
            state = f"LỖI: {message.notice.error}"
        else:
            state = message.notice.state  # queued for the worker, or refused and to be retried
        return f"{who} — {what}: {state}"
