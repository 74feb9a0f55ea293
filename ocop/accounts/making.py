"""Making back-office accounts and giving their owners a way in: one place for `ocop createuser`
and the users page. A new account gets a one-time password, to be changed at first sign-in,
and a one-time link to set a password instead; either stops working once the other is used
(the link's token covers the password and the last sign-in)."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ocop.accounts.models import StaffProfile
from ocop.domain.roles import ROLE_LABELS, Role
from ocop.registry.models import Province, Unit

# No 0/o, 1/l/i: read aloud over the phone or copied from paper.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class AccountError(ValueError):
    """Bad input for an account, in Vietnamese, for the command line and the users page."""


@dataclass(frozen=True)
class Place:
    role: Role
    province: Province
    commune: Unit | None


def one_time_password() -> str:
    groups = ("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


def role_of(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        choices = ", ".join(f"{r.value} ({ROLE_LABELS[r]})" for r in Role)
        raise AccountError(f"Không có vai trò '{text}'. Chọn một trong: {choices}.") from None


def place_of(role: Role | str, province=None, commune=None) -> Place:
    """Check a role's province and commune, given as codes (command line) or rows (the users
    page). The province defaults to the commune's, else to OCOP_PROVINCE."""
    role = role_of(role) if isinstance(role, str) else role
    if isinstance(commune, str):
        code = commune.strip()
        commune = (
            Unit.objects.select_related("province").filter(code=code).first() if code else None
        )
        if code and commune is None:
            raise AccountError(f"Không có xã/phường mã '{code}' (xem danh sách xã/phường).")
    if isinstance(province, str):
        code = province.strip()
        province = Province.objects.filter(code=code).first() if code else None
        if code and province is None:
            raise AccountError(f"Không có tỉnh/thành phố mã '{code}'.")
    if province is None:
        province = commune.province if commune is not None else _home_province()
    if role is Role.COMMUNE and commune is None:
        raise AccountError("Cán bộ xã/phường cần có xã/phường (--commune MÃ).")
    if role is not Role.COMMUNE and commune is not None:
        raise AccountError(
            f"Chỉ cán bộ xã/phường mới gắn với một xã/phường; vai trò '{role.value}' "
            "làm việc trên cả tỉnh."
        )
    if commune is not None and commune.province_id != province.pk:
        raise AccountError(f"{commune} không thuộc {province}.")
    return Place(role, province, commune)


def _home_province() -> Province:
    province = Province.objects.filter(code=settings.OCOP_PROVINCE).first()
    if province is None:
        raise AccountError(
            f"Không có tỉnh mã '{settings.OCOP_PROVINCE}' (OCOP_PROVINCE): chạy `ocop migrate`."
        )
    return province


def check_email(email: str) -> str:
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise AccountError(f"Địa chỉ thư điện tử '{email}' không hợp lệ.") from None
    return email


def create_account(username: str, place: Place, email: str, *, full_name: str = ""):
    """A new active account with its role, and the one-time password it signs in with first.
    All or nothing: a refused account leaves no user behind."""
    username = username.strip()
    User = get_user_model()
    if not username:
        raise AccountError("Cần có tên đăng nhập.")
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError:
        raise AccountError(
            f"Tên đăng nhập '{username}' không hợp lệ: chỉ dùng chữ không dấu, số và . @ + - _."
        ) from None
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(f"Đã có tài khoản tên '{username}'.")
    email = check_email(email)
    password = one_time_password()
    with transaction.atomic():
        # Every role enters the admin: what it may do there is the role's table, not Django's
        # per-model permissions (ocop.accounts.admin_scope).
        # The whole name in first_name: get_full_name() then prints "Nguyễn Văn An" as written.
        user = User.objects.create_user(
            username, email=email, password=password, is_staff=True, first_name=full_name.strip()
        )
        StaffProfile.objects.create(
            user=user,
            role=place.role.value,
            province=place.province,
            commune=place.commune,
            must_change_password=True,
        )
    return user, password


def new_one_time_password(user) -> str:
    """A fresh password to be changed at the next sign-in (a forgotten password)."""
    password = one_time_password()
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        StaffProfile.objects.filter(user=user).update(must_change_password=True)
    return password


def set_password_path(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:set_password", args=[uid, token])


def set_password_link(user) -> str:
    """The link with OCOP_PUBLIC_URL in front, or the bare path when it is not set."""
    return f"{settings.OCOP_PUBLIC_URL}{set_password_path(user)}"


def link_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
