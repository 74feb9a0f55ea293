"""The dossier's whole path in a real browser: an officer registers a new product's dossier, the
commune officer checks the documents and assesses, the department scores and decides; the
new decision's public verdict is then valid. Every page passes axe at 1366 px (the
department's laptops) and 360 px (a phone), with screenshots in test-artifacts/."""

from datetime import date

import pytest
from django.conf import settings as django_settings
from django.test import Client

from ocop.domain.dossier_flow import State
from ocop.dossiers.models import Dossier
from tests.browser_checks import PageChecker
from tests.dossier_cast import dossier_at
from tests.factories import make_decision, make_product
from tests.staff import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def submit(page, name):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("load")


def test_register_check_assess_score_decide(page, live_server, tmp_path):
    officer, local = make_staff("officer"), make_staff("commune")
    checker = PageChecker(page, 1366)

    sign_in(page, live_server, officer)
    checker.visit(live_server.url + "/lam-viec/", "ho-so-ban-lam-viec")
    page.get_by_role("link", name="Hồ sơ đánh giá", exact=True).click()
    page.wait_for_url("**/lam-viec/ho-so/")
    checker.check("ho-so-danh-sach-trong")
    page.get_by_role("link", name="Lập hồ sơ mới").click()
    page.wait_for_url("**/ho-so/moi/")
    checker.check("ho-so-moi")
    submit(page, "Đăng ký hồ sơ")  # empty: errors, in Vietnamese, still accessible
    assert "Ghi tên sản phẩm mới, hoặc chọn sản phẩm đã có." in page.inner_text("main")
    checker.check("ho-so-moi-loi")
    page.get_by_label("Tên sản phẩm mới").fill("Mật ong bạc hà Nậm Sỏ")
    page.get_by_label("Xã/phường").select_option(label="Xã Nậm Sỏ")
    page.get_by_label("Tên chủ thể mới").fill("HTX Ong mật Nậm Sỏ")
    page.get_by_label("Loại hình").select_option(label="Hợp tác xã")
    page.get_by_label("Ngày đăng ký").fill("01/09/2025")
    submit(page, "Đăng ký hồ sơ")
    page.wait_for_url("**/lam-viec/ho-so/*/")
    dossier = Dossier.objects.get()
    assert "Đã đăng ký hồ sơ số" in page.inner_text("main")

    pdf = tmp_path / "Phiếu đăng ký.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n")
    page.get_by_label("Tệp (PDF").set_input_files(str(pdf))
    page.get_by_label("Nội dung tệp").fill("Phiếu đăng ký tham gia")
    submit(page, "Đính kèm")
    assert "Đã đính kèm “Phiếu đăng ký.pdf”" in page.inner_text("main")
    checker.check("ho-so-da-dang-ky")

    sign_in(page, live_server, local)
    page.goto(live_server.url + dossier.get_absolute_url())
    page.get_by_label("Đã nhận đủ hồ sơ").check()
    submit(page, "Nhận và kiểm tra hồ sơ")
    assert "Đã ghi bước “Nhận và kiểm tra hồ sơ”" in page.inner_text("main")
    checker.check("ho-so-da-kiem-tra")
    page.get_by_label("Kết quả đánh giá của xã/phường").fill("Đạt yêu cầu, đề nghị tỉnh chấm điểm")
    submit(page, "Đánh giá cấp xã")
    assert "Bước tiếp theo (xã đã đánh giá → …) do cán bộ của Sở thực hiện." in page.inner_text(
        "main"
    )
    checker.check("ho-so-xa-da-danh-gia")

    sign_in(page, live_server, officer)
    page.goto(live_server.url + dossier.get_absolute_url())
    page.get_by_label("Phần A").fill("41")
    page.get_by_label("Phần B").fill("20")
    page.get_by_label("Phần C").fill("25,5")
    submit(page, "Chấm điểm cấp tỉnh")
    assert "Điểm phần A phải từ 0 đến 40." in page.inner_text("main")
    checker.check("ho-so-cham-diem-loi")
    page.get_by_label("Phần A").fill("32,5")
    page.get_by_label("Thiếu tiêu chí bắt buộc (*) của hạng 5 sao").check()
    submit(page, "Chấm điểm cấp tỉnh")
    assert "Đạt 4 sao" in page.inner_text("main")
    checker.check("ho-so-da-cham-diem")
    page.get_by_label("Số quyết định").fill("45/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill("20/10/2025")
    submit(page, "Ra quyết định công nhận")
    assert "Đã có quyết định công nhận" in page.inner_text("main")
    checker.check("ho-so-da-cong-nhan")

    dossier.refresh_from_db()
    code = dossier.decision.public_code
    assert dossier.decision.stars == 4 and dossier.decision.issuer == "UBND tỉnh Lai Châu"
    page.get_by_role("link", name=code).click()
    page.wait_for_url(f"**/xac-minh/{code}/")
    assert "Còn hiệu lực đến hết ngày 20/10/2028" in page.inner_text("body")

    page.goto(live_server.url + f"/lam-viec/ho-so/san-pham/{dossier.product_id}/")
    checker.check("ho-so-san-pham")
    assert "45/QĐ-UBND" in page.inner_text("main")


def cast():
    product = make_product()
    old = make_decision(product, decided_on=date(2022, 11, 2))
    renewal = dossier_at(State.SCORED, product, kind="renewal", renews=old)
    dossier_at(State.NOT_PASSED, make_product("Chè búp"), scores=("20", "10", "15"))
    dossier_at(State.ASSESSED, make_product("Chè xanh"))
    return renewal


@pytest.mark.parametrize("width", [360, 1366])
def test_every_dossier_page_at_both_widths(page, live_server, width):
    renewal = cast()
    sign_in(page, live_server, make_staff("officer"))
    checker = PageChecker(page, width)
    for name, url in {
        "ho-so-danh-sach": "/lam-viec/ho-so/",
        "ho-so-danh-sach-loc": "/lam-viec/ho-so/?state=open&kind=renewal&year=2025",
        "ho-so-moi": "/lam-viec/ho-so/moi/",
        "ho-so-danh-gia-lai": renewal.get_absolute_url(),
        "ho-so-san-pham": f"/lam-viec/ho-so/san-pham/{renewal.product_id}/",
    }.items():
        checker.visit(live_server.url + url, f"{name}")
        # Nothing wider than the screen on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
