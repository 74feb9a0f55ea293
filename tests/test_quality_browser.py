"""An officer's daily path in a real browser: the workspace home, the data-quality desk, merge
a near-duplicate pair, undo it; every page passes axe at 1366 px (the department's laptops)
and 360 px (a phone), with screenshots in test-artifacts/."""

from datetime import date

import pytest
from django.conf import settings as django_settings
from django.test import Client

from ocop.registry.models import Producer
from tests.browser_checks import PageChecker
from tests.factories import make_decision, make_product
from tests.quality_cast import twin_producers, twin_products
from tests.staff import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def sign_in(page, live_server, role="officer"):
    """The session of a signed-in user, handed to the browser (the sign-in page has its own
    tests)."""
    client = Client()
    client.force_login(make_staff(role))
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def desk_items():
    kept, twin = twin_producers()
    twin_products()
    make_decision(make_product("Miến dong Bình Lư"), decided_on=date(2024, 5, 2), number="")
    make_decision(
        make_product("Rượu ngô Sin Suối Hồ"), issuer="UBND huyện Phong Thổ", issuer_presumed=True
    )
    return kept, twin


def test_an_officer_merges_a_near_duplicate_and_undoes_it(page, live_server):
    _, twin = desk_items()
    sign_in(page, live_server)
    checker = PageChecker(page, 1366)

    checker.visit(live_server.url + "/lam-viec/", "ban-lam-viec")
    page.get_by_role("link", name="Chất lượng dữ liệu", exact=True).click()
    page.wait_for_url("**/lam-viec/chat-luong/")
    checker.check("chat-luong")
    page.get_by_role("link", name="1 cặp chủ thể gần trùng").click()
    page.wait_for_url("**/trung-lap/chu-the/")
    checker.check("chu-the-gan-trung")

    page.get_by_role("radio", name="Giữ lại Hợp tác xã Chè Nậm Sỏ").check()
    page.get_by_role("button", name="Gộp làm một").click()
    page.wait_for_url("**/da-gop/")
    assert "Đã gộp “HTX Chè Nậm Sò” vào “Hợp tác xã Chè Nậm Sỏ”" in page.inner_text("main")
    assert not Producer.objects.filter(pk=twin.pk).exists()
    checker.check("da-gop")

    page.get_by_role("button", name="Hoàn tác gộp HTX Chè Nậm Sò").click()
    page.wait_for_url("**/da-gop/")
    assert "Đã hoàn tác" in page.inner_text("main")
    assert Producer.objects.get(pk=twin.pk).products.count() == 2
    checker.check("da-hoan-tac")


PAGES = {
    "ban-lam-viec": "/lam-viec/",
    "chat-luong": "/lam-viec/chat-luong/",
    "chu-the-gan-trung": "/lam-viec/chat-luong/trung-lap/chu-the/",
    "san-pham-gan-trung": "/lam-viec/chat-luong/trung-lap/san-pham/",
    "thieu-so-quyet-dinh": "/lam-viec/chat-luong/thieu-so-quyet-dinh/",
    "thieu-bo-san-pham": "/lam-viec/chat-luong/thieu-bo-san-pham/",
    "co-quan-ban-hanh": "/lam-viec/chat-luong/co-quan-ban-hanh/",
    "canh-bao-khi-nhap": "/lam-viec/chat-luong/canh-bao-khi-nhap/",
    "da-gop": "/lam-viec/chat-luong/da-gop/",
}


@pytest.mark.parametrize("width", [360, 1366])
def test_every_desk_page_passes_axe(page, live_server, width):
    desk_items()
    sign_in(page, live_server)
    checker = PageChecker(page, width)
    for name, path in PAGES.items():
        checker.visit(live_server.url + path, name)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width} px"


def test_a_commune_officer_home_passes_axe_on_a_phone(page, live_server):
    desk_items()
    sign_in(page, live_server, role="commune")
    PageChecker(page, 360).visit(live_server.url + "/lam-viec/", "ban-lam-viec-xa")
