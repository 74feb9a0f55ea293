"""An officer gets the letter and the lists in a real browser: pick a day, click."""

from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

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
    page.fill("#ngay", "2025-12-31")
    with page.expect_download() as letter:
        page.click("text=Công văn (Word)")
    letter.value.save_as(tmp_path / "cong-van.docx")
    text = "\n".join(p.text for p in Document(tmp_path / "cong-van.docx").paragraphs)
    assert "Tính đến ngày 31/12/2025" in text
    assert "còn thời hạn: 1 sản phẩm, trong đó 1 sản phẩm đạt hạng 4 sao" in " ".join(text.split())
    with page.expect_download() as lists:
        page.click("text=Phụ lục I, II (Excel)")
    lists.value.save_as(tmp_path / "danh-sach.xlsx")
    book = load_workbook(tmp_path / "danh-sach.xlsx")
    cells = {c.value for row in book["Phụ lục II"].iter_rows() for c in row}
    assert "Hồng trà" in cells
