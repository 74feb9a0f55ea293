"""The search page /san-pham/ in a real Chromium: axe-core finds no WCAG 2.2 AA violation at
phone and desktop width, no Content-Security-Policy violation, the filters work from the
keyboard without JavaScript of ours, and screenshots are kept in test-artifacts/."""

from datetime import date

import pytest

from ocop.registry.models import ProducerType
from tests.browser_checks import PageChecker
from tests.factories import make_decision, make_producer, make_product


def cast():
    household = make_producer("Hộ kinh doanh Lò Văn Thanh", kind=ProducerType.HOUSEHOLD)
    make_decision(make_product("Đông trùng hạ thảo Tả Ngảo"), date(2024, 5, 4), stars=4)
    make_decision(make_product("Chè móc câu Sìn Hồ", household), date(2025, 2, 1), stars=5)
    make_decision(make_product("Chè xanh Mường So"), date(2020, 1, 1), stars=3)
    for n in range(24):
        make_decision(make_product(f"Chè Shan tuyết lô {n + 1}"), date(2024, 1, 2), stars=3)
    return {
        "all": "/san-pham/",
        "query": "/san-pham/?q=dong+trung+ha+thao+ta+ngao",
        "page-2": "/san-pham/?q=che&trang=2",
        "typo": "/san-pham/?q=dong+trung+ha+thao+ta+ngaa",
        "nothing": "/san-pham/?q=xyzw",
        "suggest": "/san-pham/?q=dong+trung+xyzw",
        "every-status": "/san-pham/?q=che+xanh",
        "a-day": "/san-pham/?q=che&ngay=31/12/2025",
        "a-future-day": "/san-pham/?q=che&ngay=31/12/2027",
        "english": "/en/san-pham/?q=che&sap_xep=ten",
        "english-tea": "/en/san-pham/?q=tea",
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280, 1366])
def test_the_search_pages_pass_axe_at_phone_and_desktop_width(live_server, page, width):
    checker = PageChecker(page, width)
    for name, path in cast().items():
        checker.visit(live_server.url + path, f"search-{name}")
    assert checker.refused == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_person_filters_by_stars_with_the_keyboard(live_server, page):
    cast()
    page.goto(live_server.url + "/san-pham/?q=che")
    page.focus("#sao-5")
    page.keyboard.press("Space")
    page.focus("button.apply")
    page.keyboard.press("Enter")
    page.wait_for_url("**sao=5**")
    assert page.locator(".product-name").all_inner_texts() == ["Chè móc câu Sìn Hồ"]
    page.focus("#sao-5")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
