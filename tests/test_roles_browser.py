"""Each role's sign-in and daily path in a real browser (Debian's Chromium), with axe and
screenshots at a phone's 360 px, a laptop's 1366 px and 1280 px."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ocop.registry.models import Product
from tests.browser_checks import ARTIFACTS, PageChecker
from tests.factories import make_decision, make_producer, make_product
from tests.staff import OTHER_COMMUNE, PASSWORD, make_staff

pytestmark = pytest.mark.browser
WIDTHS = [360, 1366]


@pytest.fixture
def products():
    own = make_decision(make_product("Chè Shan tuyết Nậm Sỏ", make_producer())).product
    other = make_producer("Hợp tác xã Mật ong Tân Uyên", OTHER_COMMUNE)
    return own, make_decision(make_product("Mật ong bạc hà", other)).product


def sign_in(page, base, username, checker=None, name=None):
    page.goto(f"{base}/lam-viec/dang-nhap/")
    if checker:
        checker.check(name)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("load")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_administrator_signs_in_with_a_code_and_manages_users(
    live_server, page, settings, width
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    admin_user = make_staff("admin", username="quan.tri")
    make_staff("commune", username="can.bo.xa")
    device = TOTPDevice.objects.create(user=admin_user, name="Điện thoại", confirmed=True)
    checker = PageChecker(page, width)
    sign_in(page, live_server.url, "quan.tri", checker, "roles-login")
    assert page.url.endswith("/lam-viec/dang-nhap/ma-xac-thuc/")
    checker.check("roles-login-code")
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    page.fill("#id_code", code)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/lam-viec/")
    page.click("nav.bo-nav >> text=Người dùng")
    page.wait_for_url(f"{live_server.url}/lam-viec/nguoi-dung/")
    assert "can.bo.xa" in page.content() and "Cán bộ xã/phường" in page.content()
    checker.check("roles-users")
    page.click("text=Thêm người dùng")
    checker.check("roles-user-new")
    page.fill("#id_username", f"moi.{width}")
    page.fill("#id_full_name", "Lò Văn Mới")
    page.fill("#id_email", "moi@laichau.gov.vn")
    page.select_option("#id_role", "viewer")
    page.click("button[value=save]")
    page.wait_for_load_state("load")
    assert page.locator("#one-time-password").inner_text().count("-") == 3
    checker.check("roles-user-password")
    page.goto(f"{live_server.url}/lam-viec/xac-thuc-hai-buoc/")
    checker.check("roles-second-factor")
    assert checker.refused == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_new_officer_changes_the_one_time_password_then_edits_a_product(
    live_server, page, products, width
):
    make_staff("officer", username="can.bo.so", must_change_password=True)
    own, _ = products
    checker = PageChecker(page, width)
    sign_in(page, live_server.url, "can.bo.so")
    assert page.url.endswith("/lam-viec/doi-mat-khau/")
    checker.check("roles-password-change")
    page.fill("#id_old_password", PASSWORD)
    page.fill("#id_new_password1", "Che-Shan-Tuyet-2025")
    page.fill("#id_new_password2", "Che-Shan-Tuyet-2025")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/lam-viec/")
    checker.check("roles-officer-home")
    page.goto(f"{live_server.url}/admin/registry/product/{own.pk}/change/")
    page.fill("#id_name", "Chè Shan tuyết cổ thụ Nậm Sỏ")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/registry/product/")
    assert Product.objects.get(pk=own.pk).name == "Chè Shan tuyết cổ thụ Nậm Sỏ"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_commune_officer_edits_their_commune_and_only_reads_another(
    live_server, page, products, width
):
    make_staff("commune", username="can.bo.xa")
    own, other = products
    checker = PageChecker(page, width)
    sign_in(page, live_server.url, "can.bo.xa")
    checker.check("roles-commune-home")
    page.goto(f"{live_server.url}/admin/registry/product/{own.pk}/change/")
    page.fill("#id_name", "Chè Shan tuyết Nậm Sỏ loại đặc biệt")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/registry/product/")
    assert Product.objects.get(pk=own.pk).name == "Chè Shan tuyết Nậm Sỏ loại đặc biệt"
    page.goto(f"{live_server.url}/admin/registry/product/{other.pk}/change/")
    assert page.locator("#id_name").count() == 0  # shown, not editable
    assert "Mật ong bạc hà" in page.content()
    # Django's own read-only inlines leave header cells empty (axe's best-practice rule): the
    # admin's pages are looked at, not axe-checked, here.
    page.screenshot(path=ARTIFACTS / f"roles-commune-other-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_viewer_reads_and_changes_nothing(live_server, page, products, width):
    make_staff("viewer", username="chi.xem")
    own, _ = products
    checker = PageChecker(page, width)
    sign_in(page, live_server.url, "chi.xem")
    assert page.url == f"{live_server.url}/lam-viec/"
    menu = page.locator("nav.bo-nav").inner_text()
    assert "Người dùng" not in menu
    page.goto(f"{live_server.url}/admin/registry/product/{own.pk}/change/")
    assert page.locator("#id_name").count() == 0
    assert page.locator("input[name=_save]").count() == 0
    response = page.goto(f"{live_server.url}/lam-viec/nguoi-dung/")
    assert response.status == 403
    checker.visit(f"{live_server.url}/bao-cao/", "roles-viewer-reports")
