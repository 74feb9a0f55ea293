from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ocop.accounts import making
from ocop.domain.roles import ROLE_LABELS, Role


class Command(BaseCommand):
    help = (
        "Tạo tài khoản cho cán bộ với một vai trò. Không bao giờ hỏi gì: in ra một mật khẩu dùng "
        "một lần (phải đổi khi đăng nhập lần đầu) và một đường dẫn để tự đặt mật khẩu; gửi cho "
        "người dùng một trong hai."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP", help="tên đăng nhập, ví dụ nva.so")
        parser.add_argument(
            "--role",
            required=True,
            metavar="VAI_TRÒ",
            help="; ".join(f"{r.value} = {ROLE_LABELS[r]}" for r in Role),
        )
        parser.add_argument(
            "--commune", metavar="MÃ", default="", help="mã xã/phường (bắt buộc với commune)"
        )
        parser.add_argument(
            "--province",
            metavar="MÃ",
            default="",
            help="mã tỉnh (mặc định: tỉnh của xã/phường, hoặc OCOP_PROVINCE)",
        )
        parser.add_argument("--email", required=True, metavar="ĐỊA_CHỈ", help="thư điện tử")
        parser.add_argument("--name", default="", metavar="HỌ_TÊN", help="họ và tên")

    def handle(self, *args, **options):
        try:
            place = making.place_of(
                making.role_of(options["role"]), options["province"], options["commune"]
            )
            user, password = making.create_account(
                options["username"], place, options["email"], full_name=options["name"]
            )
        except making.AccountError as exc:
            raise CommandError(str(exc), returncode=2) from None
        where = f"{place.commune}, {place.province}" if place.commune else str(place.province)
        link = making.set_password_link(user)
        self.stdout.write(
            f"Đã tạo tài khoản {user.username}: {ROLE_LABELS[place.role]}, {where}.\n"
            f"Mật khẩu dùng một lần: {password}\n"
            "  (phải đổi ngay khi đăng nhập lần đầu)\n"
            f"Hoặc tự đặt mật khẩu tại: {link}\n"
            f"  (dùng được một lần, trong {making.link_days()} ngày)"
        )
        if not settings.OCOP_PUBLIC_URL:
            self.stdout.write(
                "  OCOP_PUBLIC_URL chưa được đặt: ghép địa chỉ trang web vào trước đường dẫn."
            )
