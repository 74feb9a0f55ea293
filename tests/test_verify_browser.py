"""The verification pages in a real Chromium: axe-core finds no WCAG 2.2 AA violation at phone
and desktop width, no Content-Security-Policy violation, the form works from the keyboard, and
screenshots are kept in test-artifacts/ for a person to look at."""

from datetime import date

import pytest

from ocop.catalog.views import label_key
from tests.browser_checks import PageChecker
from tests.factories import make_decision, make_producer, make_product


def cast():
    valid = make_decision(make_product("Chè Shan tuyết Tả Ngảo"), date(2024, 5, 4), stars=4)
    producer = make_producer("Hợp tác xã Sâm Lai Châu", unit_name="Tả Lèng")
    revoked = make_decision(
        make_product("Sâm Lai Châu sấy lạnh", producer),
        date(2024, 6, 1),
        stars=5,
        revoked_on=date(2025, 9, 15),
        revocation_reason="Không duy trì chất lượng sản phẩm như khi được công nhận",
    )
    first = make_decision(make_product("Mật ong bạc hà"), date(2019, 6, 3), stars=3)
    make_decision(first.product, date(2023, 1, 5), stars=3)
    return {
        "check": "/xac-minh/",
        "expired-old-code": f"/xac-minh/{first.public_code}/",
        "search": "/xac-minh/?q=che+ta+ngao",
        "valid": f"/xac-minh/{valid.public_code}/",
        "revoked": f"/xac-minh/{revoked.public_code}/",
        "not-found": "/xac-minh/2345-6789/",
        "labels": f"/xac-minh/{valid.public_code}/nhan/?khoa={label_key(valid.public_code)}",
        "report-with-code": "/phan-anh/?ma=2345-6789",
        "english": f"/en/xac-minh/{valid.public_code}/",
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280, 1366])
def test_the_verification_pages_pass_axe_at_phone_and_desktop_width(live_server, page, width):
    checker = PageChecker(page, width)
    for name, path in cast().items():
        checker.visit(live_server.url + path, f"verify-{name}")
    assert checker.refused == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_person_types_a_code_with_the_keyboard_and_reads_the_verdict(live_server, page):
    valid = cast()["valid"]
    code = valid.split("/")[2]
    page.goto(live_server.url + "/xac-minh/")
    # The skip link, the site's name, the other language, the five pages of the menu.
    for _ in range(9):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.type(code.lower().replace("-", " "))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{valid}")
    assert "Còn hiệu lực đến hết ngày 04/05/2027" in page.inner_text(".verdict")
