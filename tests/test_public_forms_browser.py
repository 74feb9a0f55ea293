"""The statistics page and the misuse report form in a real Chromium: axe-core finds no WCAG
2.2 AA violation at phone and desktop width, the Content-Security-Policy refuses nothing (the
charts are drawn by the vendored Chart.js), and screenshots go to test-artifacts/."""

from datetime import date

import pytest

from tests.browser_checks import PageChecker
from tests.factories import make_decision, make_producer, make_product
from tests.test_images import jpeg_with_gps


def cast():
    make_decision(make_product("Chè Shan tuyết Tả Ngảo"), date(2024, 5, 4), stars=4)
    make_decision(make_product("Gạo tẻ râu"), date(2023, 1, 10), stars=3)
    producer = make_producer("Hợp tác xã Sâm Lai Châu", unit_name="Tả Lèng")
    make_decision(make_product("Sâm Lai Châu sấy lạnh", producer), date(2025, 2, 1), stars=5)


PAGES = {
    "thong-ke": "/thong-ke/?ngay=31/12/2025",
    "thong-ke-en": "/en/thong-ke/?ngay=31/12/2025",
    "thong-ke-loi": "/thong-ke/?ngay=30/02/2025",
    "phan-anh": "/phan-anh/",
    "phan-anh-en": "/en/phan-anh/",
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280])
def test_the_statistics_and_report_pages_pass_axe_at_phone_and_desktop_width(
    live_server, page, width, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    cast()
    checker = PageChecker(page, width)
    for name, path in PAGES.items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        if name.startswith("thong-ke"):
            drawn = page.evaluate(
                "[...document.querySelectorAll('canvas[data-chart]')]"
                ".map(c => !!window.Chart.getChart(c))"
            )
            # Five charts; the sample records no product group, so that one has no bars to
            # draw (its table and a note say why).
            assert drawn == [True] * 4, name
        checker.check(name)

    page.goto(live_server.url + "/phan-anh/")
    page.click("button[type=submit]")
    page.wait_for_load_state("load")
    assert "Chưa gửi được phản ánh" in page.inner_text("[role=alert]")
    checker.check("phan-anh-loi")

    photo = tmp_path / "anh.jpg"
    photo.write_bytes(jpeg_with_gps(size=(400, 300)))
    page.fill("#id_place", "Chợ trung tâm, phường Tân Phong")
    page.fill("#id_description", "Hộp in nhãn OCOP 4 sao nhưng mã không tra được.")
    page.set_input_files("#id_photo", str(photo))
    page.click("button[type=submit]")
    page.wait_for_url("**/phan-anh/da-nhan/**")
    assert page.inner_text(".reference").startswith("PA-")
    checker.check("phan-anh-da-nhan")
    assert checker.refused == []
