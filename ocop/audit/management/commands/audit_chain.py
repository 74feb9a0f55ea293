from django.core.management.base import BaseCommand, CommandError

from ocop.audit.chain import seal, verify


class Command(BaseCommand):
    help = (
        "Kiểm tra chuỗi mã băm của nhật ký thay đổi: báo mục đầu tiên bị sửa, bị xóa hay chỗ "
        "chuỗi bị đứt, và in đầu chuỗi (vị trí:mã băm) để ghi lại ở nơi khác. Mã thoát 1 khi "
        "chuỗi hỏng. Không ghi gì, trừ khi có --seal."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seal",
            action="store_true",
            help="trước khi kiểm tra, đưa vào chuỗi các mục chưa có mắt xích",
        )
        parser.add_argument(
            "--expect-head",
            metavar="VỊ_TRÍ:MÃ",
            help="đầu chuỗi đã ghi lại trước đây: báo lỗi nếu chuỗi không còn chứa nó",
        )

    def handle(self, *args, **options):
        if options["seal"]:
            self.stdout.write(f"Đã đưa {seal()} mục vào chuỗi.")
        verdict = verify(expect_head=options["expect_head"])
        if not verdict.ok:
            raise CommandError(verdict.problem, returncode=1)
        self.stdout.write(
            f"Chuỗi nhật ký nguyên vẹn: {verdict.links} mục. Đầu chuỗi: {verdict.head}"
        )
        if verdict.unchained:
            self.stdout.write(
                f"{verdict.unchained} mục chưa vào chuỗi: chạy `ocop audit_chain --seal`."
            )
