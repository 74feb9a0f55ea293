"""Configuration checked at start (Django system checks): a production install must not run
with development secrets, a guessable key or demo accounts. The messages are for the
department's IT staff, so they are Vietnamese and name the variable to set."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from ocop.settings import DEV_SECRET_KEY

# Django's own rule for a key that can be guessed (its deploy-only warning security.W009),
# made an error here: a guessable key lets anyone forge sessions and password-reset links.
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_DISTINCT = 5
INSECURE_KEY_PREFIX = "django-insecure-"
NEW_KEY_HINT = 'Tạo khoá mới: python3 -c "import secrets; print(secrets.token_urlsafe(50))"'


def is_weak_secret_key(key: str) -> bool:
    return (
        len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < MIN_SECRET_KEY_DISTINCT
        or key.startswith(INSECURE_KEY_PREFIX)
        or repeats_a_pattern(key)
    )


def repeats_a_pattern(key: str) -> bool:
    """A short piece written again and again ("k7Qx-2pLm9" five times): long and varied
    enough for the other rules, but guessed from its first few characters (issue 18)."""
    return any(
        (key[:size] * (len(key) // size + 1))[: len(key)] == key
        for size in range(1, len(key) // 2 + 1)
    )


def secret_key_problems() -> list[Error]:
    if settings.SECRET_KEY == DEV_SECRET_KEY:
        message = "SECRET_KEY đang là khoá mẫu dành cho phát triển trong khi DEBUG tắt."
        return [Error(message, hint=NEW_KEY_HINT, id="ocop.E001")]
    if is_weak_secret_key(settings.SECRET_KEY):
        message = (
            f"SECRET_KEY quá yếu cho môi trường chính thức: cần ít nhất "
            f"{MIN_SECRET_KEY_LENGTH} ký tự, trong đó ít nhất {MIN_SECRET_KEY_DISTINCT} ký tự "
            f"khác nhau, không lặp lại một đoạn ngắn, và không bắt đầu bằng "
            f"'{INSECURE_KEY_PREFIX}'."
        )
        return [Error(message, hint=NEW_KEY_HINT, id="ocop.E004")]
    return []


def host_problems() -> list[Error]:
    """The site's own name must be known: with ALLOWED_HOSTS "*" and no OCOP_PUBLIC_URL, a
    request sent with a foreign Host header wrote that host into the links the site sends
    (set-password links, QR codes), and an officer following one gave their new password to
    someone else's server (issue 18)."""
    problems = []
    if any("*" in host for host in settings.ALLOWED_HOSTS):
        problems.append(
            Error(
                "ALLOWED_HOSTS chấp nhận mọi tên miền ('*') trong khi DEBUG tắt.",
                hint="Đặt ALLOWED_HOSTS là đúng tên miền của trang, ví dụ ocop.laichau.gov.vn.",
                id="ocop.E005",
            )
        )
    address = urlsplit(settings.OCOP_PUBLIC_URL)
    if address.scheme not in ("https", "http") or not address.hostname:
        problems.append(
            Error(
                f"OCOP_PUBLIC_URL={settings.OCOP_PUBLIC_URL!r} không phải địa chỉ của trang "
                "trong khi DEBUG tắt: đường dẫn đặt mật khẩu và mã QR sẽ lấy tên miền từ yêu "
                "cầu gửi đến.",
                hint="Đặt OCOP_PUBLIC_URL, ví dụ https://ocop.laichau.gov.vn.",
                id="ocop.E006",
            )
        )
    return problems


@register(Tags.security, deploy=False)
def check_production_settings(app_configs, **kwargs):
    problems = []
    if not settings.DEBUG:
        problems += secret_key_problems()
    if not settings.DEBUG and settings.DEMO_MODE:
        problems.append(
            Error(
                "OCOP_DEMO đang bật trong khi DEBUG tắt: tài khoản trình diễn không bao giờ "
                "được có trên hệ thống chính thức.",
                hint="Bỏ biến OCOP_DEMO.",
                id="ocop.E002",
            )
        )
    if not settings.DEBUG and not settings.ALLOWED_HOSTS:
        problems.append(
            Error(
                "ALLOWED_HOSTS trống trong khi DEBUG tắt.",
                hint="Đặt ALLOWED_HOSTS là tên miền của trang, ví dụ ocop.laichau.gov.vn.",
                id="ocop.E003",
            )
        )
    if not settings.DEBUG:
        problems += host_problems()
    if len(settings.OCOP_PROVINCE) not in (1, 2) or not settings.OCOP_PROVINCE.isdigit():
        problems.append(
            Warning(
                f"OCOP_PROVINCE={settings.OCOP_PROVINCE!r} không giống mã tỉnh.",
                hint="Dùng mã hai chữ số, ví dụ 12 cho Lai Châu.",
                id="ocop.W001",
            )
        )
    return problems
