from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ocop.catalog.demo_showcase import showcase
from ocop.registry.generate import generate
from ocop.registry.models import Product

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "ocop-demo"


class Command(BaseCommand):
    help = (
        "Chuẩn bị bản trình diễn: nạp dữ liệu mẫu nếu cơ sở dữ liệu còn trống và tạo tài khoản "
        "quản trị mẫu. Chỉ chạy khi OCOP_DEMO=1."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "Lệnh này chỉ dùng cho bản trình diễn (đặt OCOP_DEMO=1); "
                "không bao giờ tạo tài khoản mẫu trên hệ thống thật."
            )
        if Product.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có dữ liệu: giữ nguyên.")
        else:
            counts = generate(300, seed=2025)
            shown = showcase(timezone.localdate())
            self.stdout.write(
                f"Đã nạp dữ liệu mẫu: {counts.products} sản phẩm, {counts.producers} chủ thể, "
                f"{counts.decisions} quyết định; {shown} ảnh vẽ minh hoạ cho các sản phẩm nổi bật."
            )
        User = get_user_model()
        user, _ = User.objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        self.stdout.write(
            "\nBản trình diễn: http://127.0.0.1:8000/  (bàn làm việc: http://127.0.0.1:8000/lam-viec/)\n"
            f"Tài khoản mẫu: {DEMO_USERNAME} / mật khẩu: {DEMO_PASSWORD}  "
            "(chỉ dùng cho bản trình diễn)"
        )
        from ocop.accounts.demo import demo_staff

        self.stdout.write("Mỗi vai trò một tài khoản mẫu, cùng mật khẩu trên:")
        for line in demo_staff(DEMO_PASSWORD):
            self.stdout.write(f"  {line}")
        self.stdout.write("")
