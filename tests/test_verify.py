"""/xac-minh/: the verdict of a code, the check form, the QR codes, the label sheet, the scan
counts and the English pages, through the real URLs."""

import io
import struct
import zlib
from datetime import date

import pytest
import segno
from django.test import override_settings
from django.utils import timezone

from ocop.catalog.models import ScanCount
from tests.factories import make_decision, make_producer, make_product

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 10)
PUBLIC = "https://ocop.laichau.gov.vn"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


@pytest.fixture
def tea():
    return make_decision(make_product("Chè Shan tuyết Tả Ngảo"), date(2024, 5, 4), stars=4)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response
    return response.content.decode()


def test_it_says_a_valid_product_is_valid_until_its_last_day(client, tea):
    html = page(client, f"/xac-minh/{tea.public_code}/")
    assert "Còn hiệu lực đến hết ngày 04/05/2027" in html
    assert "Chè Shan tuyết Tả Ngảo" in html and "Hợp tác xã Chè Nậm Sỏ" in html
    assert "4 sao" in html and "Chưa có ảnh sản phẩm" in html


def test_it_says_an_expired_product_ran_out_the_day_after_its_last_day(client):
    old = make_decision(decided_on=date(2022, 12, 30))
    assert "Hết hiệu lực từ ngày 31/12/2025" in page(client, f"/xac-minh/{old.public_code}/")


def test_it_says_a_revoked_product_was_revoked_and_why(client):
    revoked = make_decision(
        decided_on=date(2024, 6, 1),
        revoked_on=date(2025, 9, 15),
        revocation_reason="Không duy trì chất lượng sản phẩm",
    )
    html = page(client, f"/xac-minh/{revoked.public_code}/")
    assert "Đã bị thu hồi ngày 15/09/2025" in html
    assert "Lý do: Không duy trì chất lượng sản phẩm" in html


def test_an_old_code_of_a_re_evaluated_product_shows_it_valid_and_names_the_new_decision(client):
    first = make_decision(decided_on=date(2021, 3, 2), stars=3, number="12/QĐ-UBND")
    again = make_decision(first.product, date(2024, 3, 20), stars=4, number="88/QĐ-UBND")
    html = page(client, f"/xac-minh/{first.public_code}/")
    assert "Còn hiệu lực đến hết ngày 20/03/2027" in html
    assert "4 sao" in html
    assert "Quyết định đang có hiệu lực của sản phẩm là số 88/QĐ-UBND ngày 20/03/2024" in html
    assert f'href="/xac-minh/{again.public_code}/"' in html


def test_it_says_not_found_for_an_unknown_code_with_a_404(client):
    html = page(client, "/xac-minh/2345-6789/", status=404)
    assert "Không tìm thấy" in html and "2345-6789" in html


def test_it_finds_a_code_typed_in_lower_case_or_with_a_space(client, tea):
    typed = tea.public_code.lower().replace("-", " ")
    response = client.get("/xac-minh/", {"q": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/xac-minh/{tea.public_code}/"
    response = client.get(f"/xac-minh/{tea.public_code.lower()}/")
    assert response.status_code == 301
    assert response["Location"] == f"/xac-minh/{tea.public_code}/"


def test_the_form_says_not_found_for_a_code_nobody_has(client, tea):
    html = page(client, "/xac-minh/?q=2345+6789")
    assert "Không tìm thấy" in html and "Không có giấy chứng nhận OCOP nào mang mã" in html


def test_the_form_finds_a_product_by_its_name_without_accents(client, tea):
    other = make_producer("Hợp tác xã Mường So", unit_name="Khổng Lào")
    make_decision(make_product("Gạo tẻ râu", other), date(2022, 1, 5))
    html = page(client, "/xac-minh/?q=che+ta+ngao")
    assert f'href="/xac-minh/{tea.public_code}/">Chè Shan tuyết Tả Ngảo</a>' in html
    assert "Còn hiệu lực đến hết ngày 04/05/2027" in html
    assert "Gạo tẻ râu" not in html
    assert "Không tìm thấy sản phẩm hay mã nào khớp" in page(client, "/xac-minh/?q=ca+phe")


def test_it_counts_each_get_per_code_and_day(client, tea, monkeypatch):
    for _ in range(3):
        client.get(f"/xac-minh/{tea.public_code}/")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 1, 11))
    client.get(f"/xac-minh/{tea.public_code}/")
    counts = ScanCount.objects.order_by("day").values_list("day", "count")
    assert list(counts) == [(TODAY, 3), (date(2026, 1, 11), 1)]


def test_an_old_code_of_a_product_re_evaluated_then_expired_names_the_decision_of_its_date(
    client,
):
    first = make_decision(decided_on=date(2019, 6, 3), stars=3, number="7/QĐ-UBND")
    again = make_decision(first.product, date(2023, 1, 5), stars=3, number="41/QĐ-UBND")
    html = page(client, f"/xac-minh/{first.public_code}/")
    assert "Hết hiệu lực từ ngày 06/01/2026" in html
    assert (
        "Mã này in trên quyết định số 7/QĐ-UBND ngày 03/06/2019. Sản phẩm đã được đánh giá lại"
        " theo quyết định số 41/QĐ-UBND ngày 05/01/2023: ngày ghi ở trên tính theo quyết định đó"
    ) in html
    assert f'href="/xac-minh/{again.public_code}/"' in html
    assert "tính theo quyết định đó" not in page(client, f"/xac-minh/{again.public_code}/")


@pytest.mark.parametrize(
    "decision, meaning",
    [
        ({"decided_on": date(2022, 12, 30)}, "nay đã hết thời hạn và chưa được đánh giá lại"),
        (
            {"decided_on": date(2024, 6, 1), "revoked_on": date(2025, 9, 15)},
            "đã bị thu hồi công nhận OCOP",
        ),
    ],
)
def test_an_expired_or_revoked_verdict_says_what_it_means_and_offers_a_report(
    client, decision, meaning
):
    code = make_decision(**decision).public_code
    html = page(client, f"/xac-minh/{code}/")
    assert meaning in html
    assert f'href="/phan-anh/?ma={code}">Phản ánh</a>' in html
    assert "In nhãn mã QR" not in html
    form = page(client, f"/phan-anh/?ma={code}")
    assert f'value="{code}"' in form


def test_an_unknown_code_says_what_it_means_and_offers_a_report(client):
    html = page(client, "/xac-minh/2345-6789/", status=404)
    assert "không phải là mã OCOP thật" in html
    assert 'href="/phan-anh/?ma=2345-6789">Phản ánh</a>' in html
    english = page(client, "/en/xac-minh/2345-6789/", status=404)
    assert "not a genuine OCOP code" in english and 'href="/en/phan-anh/?ma=2345-6789"' in english


def test_a_valid_verdict_offers_labels_and_no_report(client, tea):
    html = page(client, f"/xac-minh/{tea.public_code}/")
    assert f'href="/xac-minh/{tea.public_code}/nhan/">In nhãn mã QR</a>' in html
    assert "Phản ánh</a>" not in html.split("</main>")[0].split("<main")[1]


def test_label_sheets_are_for_staff_and_the_producer_and_valid_codes_only(
    client, tea, department_officer
):
    url = f"/xac-minh/{tea.public_code}/nhan/"
    assert client.get(url)["Location"].startswith("/lam-viec/dang-nhap/")
    assert client.get(f"{url}?khoa=abc").status_code == 302
    client.force_login(department_officer)
    sheet = page(client, url)
    producer_link = sheet.split('<code class="wrap">')[1].split("</code>")[0]
    assert "?khoa=" in producer_link
    client.logout()
    assert page(client, producer_link.split("testserver", 1)[-1]).count('class="label"') == 12
    client.force_login(department_officer)
    old = make_decision(make_product("Mật ong"), decided_on=date(2022, 12, 30))
    assert client.get(f"/xac-minh/{old.public_code}/nhan/").status_code == 404
    first = make_decision(make_product("Gạo"), decided_on=date(2021, 3, 2))
    make_decision(first.product, date(2024, 3, 20))
    assert client.get(f"/xac-minh/{first.public_code}/nhan/").status_code == 404


def test_it_does_not_count_head_the_labels_or_the_images(client, tea, department_officer):
    code = tea.public_code
    client.head(f"/xac-minh/{code}/")
    client.force_login(department_officer)
    for url in ("nhan/", "qr.svg", "qr.png"):
        assert client.get(f"/xac-minh/{code}/{url}").status_code == 200
    assert not ScanCount.objects.exists()


def test_it_counts_a_revalidated_visit_too(client, tea):
    first = client.get(f"/xac-minh/{tea.public_code}/")
    again = client.get(f"/xac-minh/{tea.public_code}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert ScanCount.objects.get().count == 2


def test_the_page_is_revalidated_and_changes_its_etag_with_the_verdict(client, tea):
    first = client.get(f"/xac-minh/{tea.public_code}/")
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]
    tea.revoked_on, tea.revocation_reason = date(2026, 1, 5), "Vi phạm"
    tea.save()
    again = client.get(f"/xac-minh/{tea.public_code}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert "Đã bị thu hồi ngày 05/01/2026" in again.content.decode()


def test_the_qr_images_are_cached_and_answer_304(client, tea):
    first = client.get(f"/xac-minh/{tea.public_code}/qr.svg")
    assert first["Content-Type"] == "image/svg+xml" and "max-age=86400" in first["Cache-Control"]
    again = client.get(f"/xac-minh/{tea.public_code}/qr.svg", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@override_settings(OCOP_PUBLIC_URL=PUBLIC)
def test_the_page_names_its_canonical_address_and_open_graph_title(client, tea):
    html = page(client, f"/xac-minh/{tea.public_code}/")
    assert f'<link rel="canonical" href="{PUBLIC}/xac-minh/{tea.public_code}/">' in html
    title = "Chè Shan tuyết Tả Ngảo: Còn hiệu lực đến hết ngày 04/05/2027"
    assert f'<meta property="og:title" content="{title}">' in html


def png_matrix(data: bytes, scale: int, border: int) -> list[list[int]]:
    """The dark modules of a PNG as segno writes it (one bit a pixel, no interlace), read
    back with zlib alone: 1 for a dark module."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth = struct.unpack(">IIB", body[:9])
            assert depth == 1
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows = zlib.decompress(idat), (width + 7) // 8, []
    above = bytes(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]
        assert kind in (0, 2), "segno filters lines with None or Up only"
        if kind == 2:  # Up: each byte is the difference from the line above
            line = bytes((b + a) & 0xFF for b, a in zip(line, above, strict=True))
        above = line
        rows.append([(line[x // 8] >> (7 - x % 8)) & 1 for x in range(width)])
    # Sample each module's centre; a 0 bit (black) is a dark module.
    side = width // scale - 2 * border
    return [
        [1 - rows[(border + r) * scale + scale // 2][(border + c) * scale + scale // 2]
         for c in range(side)]
        for r in range(side)
    ]  # fmt: skip


@override_settings(OCOP_PUBLIC_URL=PUBLIC)
def test_a_phone_scanning_the_qr_lands_on_the_verdict(client, tea):
    """The PNG's modules are those of segno's code for exactly the public address of the page;
    that address, opened, says the verdict."""
    target = f"{PUBLIC}/xac-minh/{tea.public_code}/"
    png = client.get(f"/xac-minh/{tea.public_code}/qr.png")
    assert png["Content-Type"] == "image/png"
    expected = [[int(bit) for bit in row] for row in segno.make_qr(target, error="m").matrix]
    assert png_matrix(png.content, scale=10, border=4) == expected
    elsewhere = segno.make_qr(f"{PUBLIC}/xac-minh/2345-6789/", error="m").matrix
    assert expected != [[int(bit) for bit in row] for row in elsewhere]
    svg = client.get(f"/xac-minh/{tea.public_code}/qr.svg").content
    buffer = io.BytesIO()
    segno.make_qr(target, error="m").save(buffer, kind="svg", border=4, scale=8, xmldecl=False)
    assert svg == buffer.getvalue()
    landed = page(client, target.removeprefix(PUBLIC))
    assert "Còn hiệu lực đến hết ngày 04/05/2027" in landed


def test_the_label_sheet_holds_a_dozen_labels_with_the_code(client, tea, department_officer):
    client.force_login(department_officer)
    html = page(client, f"/xac-minh/{tea.public_code}/nhan/")
    assert html.count('class="label"') == 12
    assert html.count(f'<p class="label-code">{tea.public_code}</p>') == 12
    assert "Quét để kiểm tra" in html and "Chè Shan tuyết Tả Ngảo" in html


def test_the_english_pages_say_the_same_in_english(client, tea, department_officer):
    html = page(client, f"/en/xac-minh/{tea.public_code}/")
    assert '<html lang="en">' in html and "Valid until 04/05/2027" in html
    assert "4 stars" in html and "Producer" in html
    assert "Not found" in page(client, "/en/xac-minh/2345-6789/", status=404)
    response = client.get("/en/xac-minh/", {"q": tea.public_code.lower()})
    assert response["Location"] == f"/en/xac-minh/{tea.public_code}/"
    client.force_login(department_officer)
    assert "Scan to check" in page(client, f"/en/xac-minh/{tea.public_code}/nhan/")


@override_settings(OCOP_PUBLIC_URL=PUBLIC)
def test_the_english_qr_leads_to_the_english_page(client, tea):
    target = f"{PUBLIC}/en/xac-minh/{tea.public_code}/"
    png = client.get(f"/en/xac-minh/{tea.public_code}/qr.png")
    expected = [[int(bit) for bit in row] for row in segno.make_qr(target, error="m").matrix]
    assert png_matrix(png.content, scale=10, border=4) == expected


def test_the_images_and_labels_of_an_unknown_code_are_404(client):
    for url in ("qr.svg", "qr.png", "nhan/"):
        assert client.get(f"/xac-minh/2345-6789/{url}").status_code == 404


def test_the_admin_shows_the_code_a_link_to_its_page_and_the_counts(
    client, tea, department_officer
):
    client.force_login(department_officer)
    html = page(client, f"/admin/registry/decision/{tea.pk}/change/")
    assert tea.public_code in html and "Xem trên trang web" in html
    assert tea.get_absolute_url() == f"/xac-minh/{tea.public_code}/"
    ScanCount.record(tea, TODAY)
    counts = page(client, "/admin/catalog/scancount/")
    assert "Lượt kiểm tra mã" in counts and tea.public_code in counts
    assert "Thêm lượt kiểm tra mã" not in counts
