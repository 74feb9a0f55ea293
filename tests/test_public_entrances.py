"""The addresses a visitor or a program tries first: /api/v1/ itself, the English open-data
page, the icon, the English 404 page, and the open-data link in the menu."""

import pytest

from ocop.catalog.models import MisuseReport

pytestmark = pytest.mark.django_db


def test_the_api_root_lists_its_endpoints_and_docs(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    paths = [e["path"] for e in body["endpoints"]]
    assert "/api/v1/products" in paths and "/api/v1/verify/{code}" in paths
    assert body["docs"].endswith("/api/v1/docs") and body["open_data"].endswith("/du-lieu/")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_english_open_data_page_answers_in_english(client):
    html = client.get("/en/du-lieu/").content.decode()
    assert '<html lang="en">' in html and "<h1>Open data</h1>" in html
    assert 'href="/api/v1/"' in html and 'href="/du-lieu/so-dang-ky.csv"' in html


def test_the_icon_is_served_where_browsers_ask(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response)[:4] == b"\x00\x00\x01\x00"


def test_the_english_404_page_is_in_english(client):
    response = client.get("/en/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html and "Không tìm thấy trang" not in html


@pytest.mark.parametrize(
    "url, link",
    [("/", '<a href="/du-lieu/">Dữ liệu mở</a>'), ("/en/", '<a href="/en/du-lieu/">Open data</a>')],
)
def test_the_menu_leads_to_the_open_data(client, url, link):
    assert link in client.get(url).content.decode()


@pytest.mark.parametrize(
    "url, words",
    [
        ("/gioi-thieu/", ["OCOP là gì", "Cách đọc kết quả kiểm tra", "36 tháng", "Quyền riêng tư"]),
        ("/en/gioi-thieu/", ["What OCOP is", "How to read a verdict", "36 months", "Privacy"]),
    ],
)
def test_a_page_explains_ocop_the_stars_and_the_verdicts(client, url, words, settings):
    settings.OCOP_DEPARTMENT_PHONE = "0213 3800 000"
    html = client.get(url).content.decode()
    assert all(word in html for word in words)
    assert 'id="tiep-can"' in html and 'href="tel:02133800000"' in html


def test_every_public_footer_links_the_statements(client):
    html = client.get("/san-pham/").content.decode()
    footer = html.split("<footer")[1]
    assert 'href="/gioi-thieu/#rieng-tu"' in footer and 'href="/gioi-thieu/#tiep-can"' in footer


def test_a_reporter_follows_a_report_by_its_number_and_reads_nothing_personal(client):
    stored = MisuseReport.objects.create(
        place="Chợ Tân Phong", description="Dán nhãn OCOP 5 sao", contact="0912 345 678"
    )
    html = client.get("/phan-anh/theo-doi/", {"so": stored.reference.lower()}).content.decode()
    assert f"Phản ánh {stored.reference} được nhận ngày" in html
    assert "Phản ánh đang chờ cán bộ của Sở xem." in html
    assert "0912 345 678" not in html and "Chợ Tân Phong" not in html
    stored.status = MisuseReport.Status.SEEN
    stored.save()
    seen = client.get(f"/phan-anh/theo-doi/?so={stored.reference}").content.decode()
    assert "Cán bộ của Sở đã xem" in seen
    missing = client.get("/phan-anh/theo-doi/", {"so": "PA-2020-99999"})
    assert (
        missing.status_code == 404 and "Không có phản ánh nào mang số" in missing.content.decode()
    )
    english = client.get(f"/en/phan-anh/theo-doi/?so={stored.reference}").content.decode()
    assert "has been seen by the department" in english
