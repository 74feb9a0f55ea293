"""The expiry desk in a real browser on a phone and on an officer's 1366 px laptop: the tabs,
the commune filter, the reminders sent by `ocop remind`, and the Excel download."""

import io
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from ocop.domain.dates import format_date
from ocop.domain.validity import add_months
from tests.browser_checks import PageChecker
from tests.factories import make_decision, make_producer, make_product
from tests.staff import make_staff


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])


def ending_in(days, name, producer, **fields):
    target = timezone.localdate() + timedelta(days)
    product = make_product(name, producer=producer)
    return make_decision(product, decided_on=add_months(target, -36), **fields)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1366])
def test_an_officer_works_the_expiry_desk(page, live_server, width):
    nam_so = make_producer(
        phone="0912 345 678", email="htx.namso@example.vn", address="Bản Nậm Sỏ, xã Nậm Sỏ"
    )
    tan_uyen = make_producer("Hợp tác xã Miến dong Tân Uyên", unit_name="Tân Uyên")
    ending_in(25, "Chè Shan tuyết Nậm Sỏ", nam_so, stars=4)
    ending_in(60, "Miến dong Tân Uyên", tan_uyen)
    ending_in(150, "Chè xanh Nậm Sỏ", nam_so)
    ending_in(-40, "Mật ong bạc hà Tân Uyên", tan_uyen)
    make_staff("commune", email="canbo.namso@example.vn", username="can.bo.xa")
    call_command("remind", stdout=StringIO(), stderr=StringIO())  # today's reminders

    sign_in(page, live_server, make_staff("officer", username="can.bo.so"))
    checker = PageChecker(page, width)
    page.goto(live_server.url + "/lam-viec/")  # the menu leads there
    page.get_by_role("link", name="Sắp hết hạn").first.click()
    page.wait_for_load_state("load")
    checker.check("expiry-desk-90")
    assert page.get_by_role("heading", name="Xã Nậm Sỏ (1)").is_visible()
    assert page.get_by_role("heading", name="Xã Tân Uyên (1)").is_visible()
    assert page.get_by_text("0912 345 678").is_visible()
    assert page.get_by_text("còn 25 ngày").is_visible()
    sent = f"{format_date(timezone.localdate())}: trước 30 ngày, chủ thể (htx.namso@example.vn)"
    assert page.get_by_text(sent).is_visible()

    page.get_by_role("link", name="Trong 180 ngày").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("Chè xanh Nậm Sỏ").is_visible()
    page.select_option("#xa", label="Xã Tân Uyên")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("Chè xanh Nậm Sỏ").count() == 0
    assert page.get_by_text("Miến dong Tân Uyên").first.is_visible()

    page.get_by_role("link", name="Đã hết hạn, chưa đánh giá lại").click()
    page.wait_for_load_state("load")
    checker.check("expiry-desk-expired")
    assert page.get_by_text("đã hết hạn 40 ngày").is_visible()

    page.goto(live_server.url + "/lam-viec/het-han/?trong=180&xa=tat-ca")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về Excel (.xlsx)").click()
    # The download keeps no name; openpyxl goes by the name, so it reads the bytes.
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    products = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert products == ["Chè Shan tuyết Nậm Sỏ", "Chè xanh Nậm Sỏ", "Miến dong Tân Uyên"]
    assert not checker.refused
