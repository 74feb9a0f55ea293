"""An officer gets the letter and the lists in a real browser: pick a day, click."""

from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.browser_checks import PageChecker
from tests.factories import make_decision, make_product


@pytest.fixture
def logged_in(live_server, page, department_officer):
    page.goto(live_server.url + "/admin/login/?next=/bao-cao/")
    page.fill("#id_username", "can.bo.so")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("button[type=submit]")
    page.wait_for_url("**/bao-cao/")
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_downloads_the_letter_and_the_lists_of_a_chosen_day(logged_in, tmp_path):
    make_decision(decided_on=date(2022, 12, 31), stars=4)
    make_decision(make_product("Hồng trà"), decided_on=date(2022, 12, 30))
    page = logged_in
    page.fill("#ngay", "31/12/2025")
    with page.expect_download() as letter:
        page.get_by_role("button", name="Công văn (Word)").click()
    letter.value.save_as(tmp_path / "cong-van.docx")
    text = "\n".join(p.text for p in Document(tmp_path / "cong-van.docx").paragraphs)
    assert "Tính đến ngày 31/12/2025" in text
    assert "còn thời hạn: 1 sản phẩm, trong đó 1 sản phẩm đạt hạng 4 sao" in " ".join(text.split())
    with page.expect_download() as lists:
        page.get_by_role("button", name="Phụ lục I, II (Excel)").click()
    lists.value.save_as(tmp_path / "danh-sach.xlsx")
    book = load_workbook(tmp_path / "danh-sach.xlsx")
    cells = {c.value for row in book["Phụ lục II"].iter_rows() for c in row}
    assert "Hồng trà" in cells


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280])
def test_the_reports_page_is_a_back_office_page_with_dd_mm_yyyy_days(logged_in, width, tmp_path):
    make_decision(decided_on=date(2022, 12, 31), stars=4)
    page = logged_in
    checker = PageChecker(page, width)
    checker.check("reports")
    # The back office's frame and menu, the reports entry marked as the current page.
    current = page.locator(".bo-nav a[aria-current=page]")
    assert current.inner_text() == "Báo cáo"
    # Days typed and shown dd/mm/yyyy, the letter's the last 31/12.
    last_year_end = date(date.today().year - 1, 12, 31)
    if (date.today().month, date.today().day) == (12, 31):
        last_year_end = date.today()
    assert page.input_value("#ngay") == last_year_end.strftime("%d/%m/%Y")
    assert page.get_attribute("#ngay", "type") == "text"
    assert page.get_attribute("#ngay", "placeholder") == "dd/mm/yyyy"
    # The lists in PDF too, each appendix numbered on its own.
    page.fill("#ngay", "31/12/2025")
    with page.expect_download() as lists:
        page.get_by_role("button", name="Phụ lục I, II (PDF)").click()
    assert lists.value.suggested_filename == "danh-sach-ocop-2025-12-31.pdf"
    # A day the programme cannot hold: the page says why, in Vietnamese, in its own frame.
    page.fill("#ngay", "31/12/1990")
    page.get_by_role("button", name="Phụ lục I, II (Excel)").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("alert").is_visible()
    checker.check("reports-error")
