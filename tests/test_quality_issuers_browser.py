"""Issue 19 in a real browser: an officer confirms every presumed issuer of one district in one
pass from the desk, at 360 px (a phone) and 1280 px (a laptop); each state passes axe and
scrolls no sideways; screenshots in test-artifacts/."""

from datetime import date

import pytest

from ocop.registry.models import Decision
from tests.browser_checks import PageChecker
from tests.factories import make_decision, make_product
from tests.test_quality_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = "/lam-viec/chat-luong/co-quan-ban-hanh/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def presumed_issuers():
    days = [date(2022, 5, 14), date(2022, 5, 14), date(2023, 8, 2)]
    names = ["Chè Shan tuyết Nậm Sỏ", "Hồng trà Nậm Sỏ", "Bạch trà Nậm Sỏ"]
    for number, (name, day) in enumerate(zip(names, days, strict=True), start=665):
        make_decision(
            make_product(name),
            decided_on=day,
            number=f"{number}/QĐ-UBND",
            issuer="UBND huyện Tân Uyên",
            issuer_presumed=True,
        )
    make_decision(
        make_product("Gạo Séng Cù"),
        decided_on=date(2025, 7, 4),
        number="15/QĐ-UBND",
        issuer="UBND tỉnh Lai Châu",
        issuer_presumed=True,
    )


@pytest.mark.parametrize("width", [360, 1280])
def test_an_officer_confirms_a_district_in_one_pass(page, live_server, width):
    presumed_issuers()
    sign_in(page, live_server)
    checker = PageChecker(page, width)

    checker.visit(live_server.url + DESK, "co-quan-ban-hanh-nhom")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the desk scrolls sideways at {width} px"
    assert "Ngày 14/05/2022 · 3 sao · số …/QĐ-UBND" in page.inner_text("main")

    page.get_by_role("button", name="Xác nhận cả 3 quyết định của UBND huyện Tân Uyên").click()
    page.wait_for_load_state("load")

    main = page.inner_text("main")
    assert "Đã xác nhận cơ quan ban hành của 3 quyết định: UBND huyện Tân Uyên." in main
    assert "Cơ quan ban hành được suy ra (1)" in main
    assert list(Decision.objects.filter(issuer_presumed=True).values_list("number", flat=True)) == [
        "15/QĐ-UBND"
    ]
    checker.check("co-quan-ban-hanh-da-xac-nhan")
