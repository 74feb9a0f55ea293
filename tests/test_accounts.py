"""Accounts: `ocop createuser`, first sign-in with a one-time password or a link, the sign-in
page and its throttle on both addresses, and the administrators' TOTP second factor."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ocop.accounts.models import StaffProfile
from ocop.registry.models import Unit
from tests.staff import PASSWORD, make_staff

pytestmark = pytest.mark.django_db


def createuser(*args):
    from io import StringIO

    out = StringIO()
    call_command("createuser", *args, stdout=out)
    return out.getvalue()


def nam_so() -> Unit:
    return Unit.objects.get(province__code="12", name="Nậm Sỏ")


# --- ocop createuser -----------------------------------------------------------------------


def test_createuser_makes_a_commune_officer_with_a_one_time_password_and_a_link(settings):
    settings.OCOP_PUBLIC_URL = "https://ocop.laichau.gov.vn"
    out = createuser(
        "nva.namso", "--role", "commune", "--commune", nam_so().code, "--email", "a@x.vn"
    )
    user = get_user_model().objects.get(username="nva.namso")
    profile = user.staff_profile
    assert (profile.role, profile.commune, profile.province.code) == ("commune", nam_so(), "12")
    assert profile.must_change_password and user.is_staff and not user.is_superuser
    password = re.search(r"Mật khẩu dùng một lần: (\S+)", out).group(1)
    assert user.check_password(password)
    link = re.search(r"(https://ocop\.laichau\.gov\.vn/lam-viec/dat-mat-khau/\S+/)", out)
    assert link, out
    assert "Cán bộ xã/phường, Xã Nậm Sỏ, Tỉnh Lai Châu" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "chief"], "Không có vai trò 'chief'"),
        (["--role", "commune"], "Cán bộ xã/phường cần có xã/phường"),
        (["--role", "commune", "--commune", "99999"], "Không có xã/phường mã '99999'"),
        (["--role", "officer", "--province", "77"], "Không có tỉnh/thành phố mã '77'"),
        (["--role", "commune", "--commune", "NAMSO", "--province", "01"], "không thuộc"),
        (["--role", "officer", "--commune", "NAMSO"], "Chỉ cán bộ xã/phường"),
        (["--role", "viewer", "--email", "khong-phai-thu"], "không hợp lệ"),
        (["--role", "viewer", "--username", "da.co"], "Đã có tài khoản tên 'da.co'"),
    ],
)
def test_createuser_refuses_bad_input_in_vietnamese_with_status_2_and_writes_nothing(args, message):
    make_staff("viewer", username="da.co")
    args = [nam_so().code if a == "NAMSO" else a for a in args]
    username = "da.co" if "--username" in args else "moi"
    if "--username" in args:
        args = args[:-2]
    if "--email" not in args:
        args += ["--email", "a@x.vn"]
    before = get_user_model().objects.count()
    with pytest.raises(CommandError) as refused:
        createuser(username, *args)
    assert refused.value.returncode == 2
    assert message in str(refused.value)
    assert get_user_model().objects.count() == before


def test_createuser_never_prompts_without_a_terminal_and_exits_2(tmp_path):
    """Run as operations would, stdin closed: a refusal is a message and status 2, no prompt."""
    env = {"OCOP_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "ocop"), "createuser", "x", "--role", "viewer"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--email" in done.stderr
    assert "Password" not in done.stdout + done.stderr


# --- first sign-in -------------------------------------------------------------------------


def test_a_one_time_password_leads_to_the_change_password_page_until_changed(client):
    out = createuser("nvb", "--role", "officer", "--email", "b@x.vn")
    password = re.search(r"Mật khẩu dùng một lần: (\S+)", out).group(1)
    signed_in = client.post("/lam-viec/dang-nhap/", {"username": "nvb", "password": password})
    assert signed_in.status_code == 302
    for path in ["/lam-viec/", "/admin/", "/bao-cao/", "/admin/registry/product/"]:
        assert client.get(path)["Location"] == "/lam-viec/doi-mat-khau/"
    page = client.get("/lam-viec/doi-mat-khau/").content.decode()
    assert "Bạn đang dùng mật khẩu một lần" in page
    changed = client.post(
        "/lam-viec/doi-mat-khau/",
        {
            "old_password": password,
            "new_password1": "Ch3-Shan-tuyet!",
            "new_password2": "Ch3-Shan-tuyet!",
        },
    )
    assert changed.status_code == 302
    assert not StaffProfile.objects.get(user__username="nvb").must_change_password
    assert client.get("/lam-viec/").status_code == 200


def test_the_set_password_link_works_once(client):
    out = createuser("nvc", "--role", "viewer", "--email", "c@x.vn")
    link = re.search(r"(/lam-viec/dat-mat-khau/\S+/)", out).group(1)
    form = client.get(link, follow=True)
    assert "Đặt mật khẩu" in form.content.decode()
    new = {"new_password1": "Mien-Dong-2025!", "new_password2": "Mien-Dong-2025!"}
    done = client.post(form.redirect_chain[-1][0], new)
    assert done["Location"] == "/lam-viec/dang-nhap/"
    user = get_user_model().objects.get(username="nvc")
    assert user.check_password("Mien-Dong-2025!")
    assert not user.staff_profile.must_change_password
    again = client.get(link, follow=True).content.decode()
    assert "không còn dùng được" in again


def test_an_account_without_a_role_cannot_sign_in(client):
    get_user_model().objects.create_user("khach", password=PASSWORD, is_staff=True)
    page = client.post("/lam-viec/dang-nhap/", {"username": "khach", "password": PASSWORD})
    assert page.status_code == 200
    assert "chưa được giao vai trò" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_the_same_page_and_leads_to_the_admin(client):
    make_staff("officer", username="can.bo")
    page = client.get("/admin/login/?next=/admin/").content.decode()
    assert "Đăng nhập" in page and 'name="username"' in page
    done = client.post("/admin/login/?next=/admin/", {"username": "can.bo", "password": PASSWORD})
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/password_change/")["Location"] == "/lam-viec/doi-mat-khau/"


def test_an_unsafe_next_is_not_followed(client):
    make_staff("officer", username="can.bo")
    done = client.post(
        "/lam-viec/dang-nhap/",
        {"username": "can.bo", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert done["Location"] == "/lam-viec/"


@pytest.mark.parametrize("path", ["/lam-viec/dang-nhap/", "/admin/login/"])
def test_wrong_passwords_lock_out_on_every_login_page(client, settings, path):
    settings.AXES_FAILURE_LIMIT = 3
    make_staff("officer", username="can.bo")
    for _ in range(2):
        assert client.post(path, {"username": "can.bo", "password": "sai"}).status_code == 200
    assert client.post(path, {"username": "can.bo", "password": "sai"}).status_code == 429
    assert client.post(path, {"username": "can.bo", "password": PASSWORD}).status_code == 429
    other = "/admin/login/" if path == "/lam-viec/dang-nhap/" else "/lam-viec/dang-nhap/"
    assert client.post(other, {"username": "can.bo", "password": PASSWORD}).status_code == 429


# --- second factor -------------------------------------------------------------------------


def code_of(device) -> str:
    """The code the officer's phone shows now, computed from the device's key (RFC 6238)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


@pytest.fixture
def admin_with_device():
    user = make_staff("admin", username="quan.tri")
    device = TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    return user, device


def test_an_enrolled_administrator_gives_the_code_after_the_password(
    client, settings, admin_with_device
):
    # django-otp also slows a device down after a wrong code (1 s, then 2 s, 4 s, ...).
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user, device = admin_with_device
    first = client.post("/lam-viec/dang-nhap/", {"username": "quan.tri", "password": PASSWORD})
    assert first["Location"] == "/lam-viec/dang-nhap/ma-xac-thuc/"
    assert "_auth_user_id" not in client.session
    assert client.get("/lam-viec/")["Location"].startswith("/lam-viec/dang-nhap/")
    wrong = client.post("/lam-viec/dang-nhap/ma-xac-thuc/", {"code": "000000"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    done = client.post("/lam-viec/dang-nhap/ma-xac-thuc/", {"code": code_of(device)})
    assert done["Location"] == "/lam-viec/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/lam-viec/nguoi-dung/").status_code == 200


def test_wrong_codes_count_towards_the_lockout(client, settings, admin_with_device):
    settings.AXES_FAILURE_LIMIT = 3
    client.post("/lam-viec/dang-nhap/", {"username": "quan.tri", "password": PASSWORD})
    for _ in range(2):
        client.post("/lam-viec/dang-nhap/ma-xac-thuc/", {"code": "111111"})
    locked = client.post("/lam-viec/dang-nhap/ma-xac-thuc/", {"code": "111111"})
    assert locked.status_code == 429
    _, device = admin_with_device
    assert (
        client.post("/lam-viec/dang-nhap/ma-xac-thuc/", {"code": code_of(device)}).status_code
        == 429
    )


def test_a_session_that_skipped_the_code_is_signed_out(client, admin_with_device):
    user, _ = admin_with_device
    client.force_login(user)  # e.g. signed in before enrolling on another machine
    assert client.get("/admin/")["Location"].startswith("/lam-viec/dang-nhap/")
    assert "_auth_user_id" not in client.session


def test_an_administrator_enrols_with_the_qr_key_and_a_code(client, settings):
    user = make_staff("admin", username="quan.tri")
    client.force_login(user)
    page = client.get("/lam-viec/xac-thuc-hai-buoc/").content.decode()
    assert "<svg" in page and "Mã QR" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
    from base64 import b32decode

    assert b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8)) == (
        device.bin_key
    )
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    assert client.post("/lam-viec/xac-thuc-hai-buoc/", {"code": "123456"}).status_code == 200
    client.post("/lam-viec/xac-thuc-hai-buoc/", {"code": code_of(device)})
    device.refresh_from_db()
    assert device.confirmed
    # This session gave the code, so it stays signed in.
    assert client.get("/lam-viec/nguoi-dung/").status_code == 200


@pytest.mark.parametrize("role", ["officer", "commune", "viewer"])
def test_only_administrators_enrol(client, role):
    client.force_login(make_staff(role))
    assert client.get("/lam-viec/xac-thuc-hai-buoc/").status_code == 403
