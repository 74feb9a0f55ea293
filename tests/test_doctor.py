"""`ocop doctor`: silent and 0 on a healthy install in production settings; each thing that
went wrong (a derived value edited behind the registry's back, a photo's file gone, a trigger
dropped, an old or missing backup, a development secret) is said in Vietnamese with what to
run, and the exit status is 1."""

import secrets
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from ocop.catalog.models import ProductPhoto
from ocop.shared import backup
from ocop.workspace.doctor import diagnose
from tests.backup_scene import jpeg
from tests.factories import make_decision, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production(settings, tmp_path):
    """What `ocop check --deploy` accepts (docs/deployment.md), a data folder of the test's."""
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for the whole process by the browser tests' fixture
    # (tests/conftest.py; Playwright leaves an event loop in the thread, so it must stay), and
    # Django's deploy checks report it (async.E001); a deployment never has it.
    settings.SILENCED_SYSTEM_CHECKS = [*settings.SILENCED_SYSTEM_CHECKS, "async.E001"]
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["ocop.example.vn"]
    settings.OCOP_PUBLIC_URL = "https://ocop.example.vn"
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = str(tmp_path / "data" / "media")


def backed_up(hours_ago: float) -> None:
    created = datetime.now(UTC) - timedelta(hours=hours_ago)
    made = backup.Made(Path("/srv/ocop.tar.gz"), 3, 1000, created.isoformat())
    backup.record(made)


def doctor() -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("doctor", stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def test_a_healthy_install_needs_nothing():
    make_decision()
    backed_up(hours_ago=2)

    assert doctor() == (0, "Mọi thứ ổn: không có gì cần sửa.\n")


def test_a_last_valid_day_edited_behind_the_registrys_back_is_found():
    decision = make_decision()
    backed_up(hours_ago=2)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE registry_decision SET last_valid_day = %s WHERE id = %s",
            ["2030-01-01", decision.pk],
        )

    status, said = doctor()

    assert status == 1
    assert "ngày hết hiệu lực của 1 quyết định" in said and "ocop recompute_validity" in said


def test_a_photo_whose_file_is_gone_is_named(settings):
    photo = ProductPhoto.objects.create(product=make_product(), image=jpeg("green"), alt="Hộp")
    backed_up(hours_ago=2)
    assert diagnose() == []
    Path(settings.MEDIA_ROOT, photo.image.name).unlink()

    found = diagnose()

    assert len(found) == 1
    assert found[0].startswith("Thiếu 1 tệp mà dữ liệu còn trỏ tới")
    assert photo.image.name in found[0] and "docs/backup.md" in found[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite loses a rebuilt table's")
def test_a_dropped_registry_trigger_is_found():
    backed_up(hours_ago=2)
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER catalog_change_registry_decision_insert")

    assert diagnose() == [
        "Thiếu 1 trigger ghi nhận thay đổi của sổ (như catalog_change_registry_decision_insert):"
        " các trang công khai có thể hiển thị số liệu cũ. Chạy `ocop migrate` để cài lại."
    ]


@pytest.mark.parametrize(
    ("hours_ago", "said"),
    [
        (None, "Chưa có bản sao lưu nào được ghi nhận"),
        (30, "Bản sao lưu gần nhất đã 30 giờ (quá 26 giờ)"),
    ],
)
def test_a_missing_or_old_backup_is_found(hours_ago, said):
    if hours_ago is not None:
        backed_up(hours_ago)

    found = diagnose()

    assert len(found) == 1 and found[0].startswith(said)


def test_the_backup_age_allowed_is_a_setting(settings):
    settings.OCOP_BACKUP_MAX_AGE_HOURS = 48
    backed_up(hours_ago=30)

    assert diagnose() == []


def test_a_development_secret_is_reported_as_check_deploy_would(settings):
    settings.SECRET_KEY = "dev-only-insecure-secret-key-change-me"
    backed_up(hours_ago=2)

    found = diagnose()

    # Ours says which variable and how to make a key; Django's own deploy check agrees.
    codes = [f.split(":")[0] for f in found]
    assert codes == ["Cấu hình (ocop.E001)", "Cấu hình (security.W009)"]
    assert "SECRET_KEY" in found[0] and "secrets.token_urlsafe(50)" in found[0]
