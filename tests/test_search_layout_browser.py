"""The search page on a phone shows the results first: the filters are folded into one "Bộ lọc"
line that opens from the keyboard; on a desktop they stand open beside the results."""

import pytest

from tests.browser_checks import PageChecker
from tests.test_search_browser import cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_phone_the_results_come_before_the_filters(live_server, page):
    cast()
    checker = PageChecker(page, 360)
    checker.visit(live_server.url + "/san-pham/?q=che", "search-folded")

    first_result = page.locator(".product-name").first.bounding_box()
    assert page.locator("#filters").evaluate("d => d.open") is False
    assert page.locator("#sao-5").is_visible() is False
    assert first_result["y"] < 800, "the first result is on the first screen"


def test_on_a_phone_the_filters_open_and_work_from_the_keyboard(live_server, page):
    cast()
    checker = PageChecker(page, 360)
    checker.visit(live_server.url + "/san-pham/?q=che", "search-folded")
    page.focus("#filters > summary")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    page.keyboard.press("Enter")

    assert outline != "none"
    assert page.locator("#sao-5").is_visible()
    checker.check("search-unfolded")
    page.focus("#sao-5")
    page.keyboard.press("Space")
    page.focus("button.apply")
    page.keyboard.press("Enter")
    page.wait_for_url("**sao=5**")
    assert page.locator(".product-name").all_inner_texts() == ["Chè móc câu Sìn Hồ"]
    assert page.locator(".clear-folded a").is_visible()


@pytest.mark.parametrize("script", [True, False])
def test_on_a_desktop_the_filters_stand_open_beside_the_results(live_server, page, script):
    cast()
    browser = page.context.browser
    context = browser.new_context(
        java_script_enabled=script, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + "/san-pham/?q=che")

    filters, results = (
        page.locator("#filters").bounding_box(),
        page.locator(".found").bounding_box(),
    )
    assert page.locator("#sao-5").is_visible()
    assert filters["x"] + filters["width"] <= results["x"]
    assert abs(filters["y"] - results["y"]) < 5
    assert (
        page.locator(".clear-folded").count() == 0 or not page.locator(".clear-folded").is_visible()
    )
    context.close()
