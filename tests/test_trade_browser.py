"""The supply–demand workflow in a real browser (Debian's Chromium), with axe and screenshots:
a buyer asks for a product on a phone (360 px), the commune officer forwards and answers it on
a laptop (1366 px), and a fair entered in the back office shows on the product page."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ocop.domain.inquiries import InquiryState
from ocop.trade.models import Inquiry, TradeFair
from tests.browser_checks import PageChecker
from tests.factories import make_decision, make_producer, make_product
from tests.staff import PASSWORD, make_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def honey():
    # No e-mail for the producer: the commune officer passes the request on by phone.
    producer = make_producer("Hợp tác xã Mật ong Nậm Sỏ", phone="0213 3876 543")
    return make_decision(make_product("Mật ong bạc hà", producer), date(2024, 5, 4), 4).product


def sign_in(page, base, username):
    page.goto(f"{base}/lam-viec/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("load")


def test_a_buyer_asks_on_a_phone_and_the_officer_forwards_and_answers(live_server, page, honey):
    make_staff("commune", username="can.bo.nam.so", email="namso@example.vn")
    phone = PageChecker(page, 360)
    phone.visit(f"{live_server.url}{honey.get_public_url()}", "trade-product")
    page.click("text=Gửi nhu cầu mua sản phẩm này")
    page.wait_for_load_state("load")
    phone.check("trade-inquiry-form")
    page.click("form.inquiry button[type=submit]")  # empty: refused, with the reasons
    page.wait_for_load_state("load")
    assert "Vui lòng nhập số điện thoại hoặc thư điện tử" in page.content()
    phone.check("trade-inquiry-errors")
    page.fill("#id_quantity", "200")
    page.fill("#id_quantity_unit", "hộp")
    page.fill("#id_place", "Phường Tân Phong, tỉnh Lai Châu")
    page.fill("#id_name", "Nguyễn Thị Hoa")
    page.fill("#id_phone", "0912 345 678")
    page.fill("#id_message", "Cần hàng trước Tết.")
    page.click("form.inquiry button[type=submit]")
    page.wait_for_load_state("load")
    inquiry = Inquiry.objects.get()
    assert inquiry.reference in page.locator(".reference").inner_text()
    phone.check("trade-inquiry-thanks")
    assert [m.to for m in mail.outbox] == [["namso@example.vn"]]

    laptop = PageChecker(page, 1366)
    sign_in(page, live_server.url, "can.bo.nam.so")
    page.click("nav.bo-nav >> text=Nhu cầu mua")
    page.wait_for_load_state("load")
    laptop.check("trade-inquiries")
    page.click(f"text={inquiry.reference}")
    page.wait_for_load_state("load")
    laptop.check("trade-inquiry")
    page.check("input[value=forwarded]")
    page.fill("#id_note", "Đã gọi điện cho HTX Mật ong.")
    page.click(".trade-move button[type=submit]")
    page.wait_for_load_state("load")
    assert "Đã chuyển NC-" in page.content()
    page.check("input[value=answered]")
    page.fill("#id_note", "HTX đã báo giá cho chị Hoa.")
    page.click(".trade-move button[type=submit]")
    page.wait_for_load_state("load")
    laptop.check("trade-inquiry-answered")
    inquiry.refresh_from_db()
    assert inquiry.state == InquiryState.ANSWERED
    assert [s.by_name for s in inquiry.steps.all()][1:] == ["can.bo.nam.so"] * 2
    page.click(".crumbs >> text=Nhu cầu mua")
    page.wait_for_load_state("load")
    page.click("text=Nơi có nhu cầu")
    page.wait_for_load_state("load")
    assert "Mật ong bạc hà" in page.locator("#by-product + .table-wrap").inner_text()
    laptop.check("trade-demand")


@pytest.mark.parametrize("width", [360, 1366])
def test_the_department_enters_a_fair_that_shows_on_the_product_page(
    live_server, page, honey, width
):
    make_staff("officer", username="can.bo.so")
    checker = PageChecker(page, width)
    sign_in(page, live_server.url, "can.bo.so")
    page.click("nav.bo-nav >> text=Hội chợ")
    page.wait_for_load_state("load")
    checker.check("trade-fairs-empty")
    page.click("text=Thêm hội chợ")
    page.wait_for_load_state("load")
    checker.check("trade-fair-form")
    starts = timezone.localdate() + timedelta(days=10)
    page.fill("#id_name", "Tuần hàng OCOP Lai Châu")
    page.fill("#id_place", "Nhà văn hoá tỉnh, phường Tân Phong")
    page.fill("#id_starts_on", starts.strftime("%d/%m/%Y"))
    page.fill("#id_ends_on", (starts + timedelta(days=4)).strftime("%d/%m/%Y"))
    page.check(f"input[name=products][value='{honey.pk}']")
    page.click("form.trade-form button[type=submit]")
    page.wait_for_load_state("load")
    assert "Đã thêm hội chợ" in page.content()
    checker.check("trade-fairs")
    assert TradeFair.objects.get().products.get() == honey

    checker.visit(f"{live_server.url}{honey.get_public_url()}", "trade-product-fair")
    assert "Tuần hàng OCOP Lai Châu" in page.locator("#fairs").locator("..").inner_text()
    checker.visit(f"{live_server.url}/en{honey.get_public_url()}", "trade-product-fair-en")
    assert "Coming up" in page.content()


def test_the_english_form_at_360(live_server, page, honey):
    checker = PageChecker(page, 360)
    checker.visit(f"{live_server.url}/en/hoi-mua/{honey.pk}/", "trade-inquiry-form-en")
    assert "Ask to buy a product" in page.content()
