"""The department officer's reports page: pick a date, download the letter and the lists."""

from datetime import date
from io import BytesIO

import openpyxl
import pytest
from django.utils import timezone
from docx import Document

from ocop.reports import lists, pdf
from tests.report_data import SENTENCE, small_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, department_officer):
    client.force_login(department_officer)
    small_registry()
    return client


def attachment_name(response) -> str:
    return response["Content-Disposition"].split('filename="')[1].rstrip('"')


@pytest.mark.parametrize(
    "url", ["/bao-cao/", "/bao-cao/cong-van.docx?ngay=2025-12-31", "/bao-cao/danh-sach.xlsx"]
)
def test_a_visitor_is_sent_to_log_in(visitor, url):
    response = visitor.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/lam-viec/dang-nhap/")


def test_a_logged_in_user_without_a_role_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("chu.the", password="x"))
    assert client.get("/bao-cao/").status_code == 403


def test_the_page_offers_a_date_and_every_download(officer, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 12, 7))
    page = officer.get("/bao-cao/").content.decode()
    # Typed dd/mm/yyyy (not the browser's own date field), the last 31/12 to begin with.
    assert '<input type="text" id="ngay" name="ngay" value="31/12/2025"' in page
    assert 'placeholder="dd/mm/yyyy"' in page and 'type="date"' not in page
    # In the back office's frame, its menu showing the reports page as the current one.
    assert 'class="bo-nav"' in page and 'href="/bao-cao/" aria-current="page"' in page
    for url in [
        "/bao-cao/cong-van.docx",
        "/bao-cao/cong-van.pdf",
        "/bao-cao/danh-sach.xlsx",
        "/bao-cao/danh-sach.docx",
        "/bao-cao/danh-sach.pdf",
        "/bao-cao/sap-het-han.xlsx",
        "/bao-cao/sap-het-han.docx",
    ]:
        assert f'formaction="{url}"' in page
    assert "/admin/reports/lettertexts/" in page


def test_the_officer_downloads_the_letter_of_the_chosen_day(officer):
    response = officer.get("/bao-cao/cong-van.docx", {"ngay": "2025-12-31"})
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert attachment_name(response) == "cong-van-ocop-2025-12-31.docx"
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert SENTENCE in text


def test_the_officer_downloads_the_letter_as_pdf(officer):
    response = officer.get("/bao-cao/cong-van.pdf", {"ngay": "2025-12-31"})
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response.content.startswith(b"%PDF")


def test_the_officer_downloads_the_lists(officer):
    response = officer.get("/bao-cao/danh-sach.xlsx", {"ngay": "2025-12-31"})
    assert attachment_name(response) == "danh-sach-ocop-2025-12-31.xlsx"
    book = openpyxl.load_workbook(BytesIO(response.content))
    assert book["Phụ lục I"]["A3"].value == "(Tính đến ngày 31/12/2025)"
    word = officer.get("/bao-cao/danh-sach.docx", {"ngay": "2025-12-31"})
    assert len(Document(BytesIO(word.content)).tables) == 2


def test_the_officer_downloads_the_expiring_list(officer):
    response = officer.get("/bao-cao/sap-het-han.xlsx", {"tu": "2027-01-01", "den": "2027-03-31"})
    assert attachment_name(response) == "sap-het-han-2027-01-01-2027-03-31.xlsx"
    sheet = openpyxl.load_workbook(BytesIO(response.content))["Sắp hết hạn"]
    assert sheet["B7"].value == "Mật ong bạc hà"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/bao-cao/cong-van.docx?ngay=32/12/2025", "Ngày không hợp lệ"),
        ("/bao-cao/danh-sach.xlsx?ngay=2025-02-30", "Ngày không hợp lệ"),
        ("/bao-cao/sap-het-han.xlsx?tu=2026-03-01&den=2026-01-01", "Ngày kết thúc trước"),
    ],
)
def test_a_bad_date_shows_the_page_again_with_the_reason(officer, url, message):
    response = officer.get(url)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Content-Disposition" not in response


def test_an_unknown_format_is_not_found(officer):
    assert officer.get("/bao-cao/cong-van.xlsx").status_code == 404
    assert officer.get("/bao-cao/danh-sach.csv").status_code == 404


def test_no_file_is_served_when_the_figures_disagree(officer, monkeypatch):
    monkeypatch.setattr(lists, "expired_list", lambda day, products: lists.ProductList("", day))
    response = officer.get("/bao-cao/cong-van.docx", {"ngay": "2025-12-31"})
    assert response.status_code == 500
    assert "không khớp" in response.content.decode()
    assert "Content-Disposition" not in response


def test_it_says_what_to_install_when_libreoffice_is_missing(officer, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    response = officer.get("/bao-cao/cong-van.pdf", {"ngay": "2025-12-31"})
    assert response.status_code == 503
    assert "libreoffice-writer-nogui" in response.content.decode()


def test_the_admin_index_links_to_the_reports_page(officer):
    page = officer.get("/admin/").content.decode()
    assert 'href="/bao-cao/"' in page


def test_a_new_letter_texts_row_starts_from_lai_chaus_texts(officer):
    page = officer.get("/admin/reports/lettertexts/add/").content.decode()
    assert "SNNMT-PTNT&amp;QLCL" in page
    assert "3858/KH-UBND ngày 14/10/2022" in page
