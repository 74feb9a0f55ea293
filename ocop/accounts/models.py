from django.conf import settings
from django.db import models

from ocop.domain.roles import ROLE_LABELS, Role


class StaffProfile(models.Model):
    """A back-office account's role and where it works. An account without a profile has no
    role (a superuser created by `createsuperuser` counts as an administrator of every
    province: see ocop.accounts.access)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    role = models.CharField(
        "vai trò", max_length=10, choices=[(role.value, ROLE_LABELS[role]) for role in Role]
    )
    province = models.ForeignKey(
        "registry.Province", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        "registry.Unit",
        verbose_name="xã/phường",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Bắt buộc với cán bộ xã/phường.",
    )
    must_change_password = models.BooleanField("phải đổi mật khẩu khi đăng nhập", default=False)

    class Meta:
        verbose_name = "vai trò người dùng"
        verbose_name_plural = "vai trò người dùng"

    def __str__(self) -> str:
        return f"{self.user} — {ROLE_LABELS[Role(self.role)]}"
