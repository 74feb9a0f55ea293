"""The home page: today's figures for anyone, and the figures of any day."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.factories import make_decision, make_product

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@pytest.mark.django_db
def test_it_shows_todays_figures(visitor):
    today = timezone.localdate()
    make_decision(decided_on=today - timedelta(days=30), stars=4)
    make_decision(make_product("Hồng trà"), decided_on=today - timedelta(days=2000))
    response = visitor.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"tính đến ngày {today:%d/%m/%Y}" in html
    assert '<div class="n" data-figure="valid_products">1</div>' in html
    assert '<div class="n" data-figure="stars_4">1</div>' in html
    assert '<div class="n" data-figure="expired_products">1</div>' in html
    assert "Đăng nhập quản trị" in html


@pytest.mark.django_db
def test_it_shows_the_figures_of_a_chosen_day(visitor):
    make_decision(decided_on=date(2022, 12, 31))
    on_last_day = visitor.get("/?ngay=2025-12-31").content.decode()
    day_after = visitor.get("/?ngay=2026-01-01").content.decode()
    assert '<div class="n" data-figure="valid_products">1</div>' in on_last_day
    assert '<div class="n" data-figure="valid_products">0</div>' in day_after
    assert '<div class="n" data-figure="expired_products">1</div>' in day_after


@pytest.mark.django_db
def test_it_explains_a_bad_day_in_vietnamese(visitor):
    response = visitor.get("/?ngay=2025-02-30")
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_visitor_picks_a_day_in_a_real_browser(live_server, page):
    make_decision(decided_on=date(2022, 12, 31), stars=4)
    page.goto(live_server.url + "/")
    page.fill("#ngay", "31/12/2025")  # a text field: a date input shows the browser's order
    page.click("form.day button[type=submit]")
    page.wait_for_url("**ngay=31%2F12%2F2025")
    assert page.inner_text("[data-figure=valid_products]") == "1"
    assert page.inner_text("[data-figure=stars_4]") == "1"
    assert "Sản phẩm OCOP tính đến ngày 31/12/2025" in page.inner_text("h1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "home.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_logs_in_to_the_back_office(live_server, page, department_officer):
    page.goto(live_server.url + "/")
    page.click("text=Đăng nhập quản trị")
    page.fill("#id_username", "can.bo.so")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    assert "Quản trị sản phẩm OCOP" in page.inner_text("#header")
    page.click("#content-main a[href='/admin/registry/product/']")
    page.wait_for_url("**/admin/registry/product/")
    assert "Chọn sản phẩm để thay đổi" in page.inner_text("#content h1, #content h2")
