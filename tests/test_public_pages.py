"""The public pages for finding products: the home page, a product's page (photos, where to
buy, recognition history, today's verdict, its code and QR), a producer's and a commune's, in
Vietnamese and English; and photos entered through the back office, cleaned and resized."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import re_path
from django.utils import timezone
from PIL import Image

from ocop import urls as site
from ocop.catalog.models import PointOfSale, ProductPhoto
from ocop.catalog.urls_pages import product_photo
from ocop.registry.models import ProductSet
from tests.admin_forms import management_fields
from tests.factories import make_decision, make_producer, make_product

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 10)
GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def officer(client, department_officer):
    client.force_login(department_officer)
    return client


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response
    return response.content.decode()


def tea(**fields):
    product = make_product(
        "Chè Shan tuyết Tả Ngảo", product_set=ProductSet.objects.get(number=3), **fields
    )
    make_decision(
        product, date(2024, 5, 4), stars=4, number="120/QĐ-UBND", issuer="UBND tỉnh Lai Châu"
    )
    return product


def photo_with_gps(size=(1600, 1200)) -> bytes:
    image = Image.new("RGB", size, (40, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh"  # Make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (22.0, 23.0, 45.0), 3: "E", 4: (103.0, 27.0, 10.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def upload_photo(client, product, data: bytes, name="anh-che.jpg"):
    """The product's change form in the admin with one new photo row, as a browser posts it."""
    url = f"/admin/registry/product/{product.pk}/change/"
    form = {
        "name": product.name,
        "producer": product.producer_id,
        "product_set": product.product_set_id or "",
        "unit": product.unit_id,
        "decisions-TOTAL_FORMS": 0,
        "decisions-INITIAL_FORMS": 0,
        "photos-TOTAL_FORMS": 1,
        "photos-INITIAL_FORMS": 0,
        "photos-0-image": SimpleUploadedFile(name, data, content_type="image/jpeg"),
        "photos-0-alt": "Hộp chè 100 g, nhãn xanh",
        "photos-0-order": 0,
        "points_of_sale-TOTAL_FORMS": 0,
        "points_of_sale-INITIAL_FORMS": 0,
    }
    return client.post(url, {**management_fields(client, url), **form})


def test_the_home_page_shows_featured_and_newest_products_and_ways_to_browse(client):
    product = tea()
    make_decision(make_product("Mật ong bạc hà"), date(2025, 11, 2), stars=3)
    html = page(client, "/")
    assert "Sản phẩm OCOP tính đến ngày 10/01/2026" in html
    assert '<div class="n" data-figure="valid_products">2</div>' in html
    featured = html.split('id="featured"')[1].split("</section>")[0]
    assert product.get_public_url() in featured and "Mật ong" not in featured
    newest = html.split('id="newest"')[1].split("</section>")[0]
    assert newest.index("Mật ong bạc hà") < newest.index("Chè Shan tuyết Tả Ngảo")
    assert 'action="/san-pham/"' in html and 'href="/san-pham/?sao=5"' in html
    assert f'href="/san-pham/?tinh_trang=con-hieu-luc&amp;bo={product.product_set_id}"' in html
    assert 'href="/xa-phuong/' in html and "Xã Nậm Sỏ" in html


def test_every_part_and_link_of_the_home_page_follows_the_chosen_day(client):
    # Today is 10/01/2026: a product recognised on 05/01/2026 did not exist on 31/12/2025,
    # and one recognised on 05/01/2023 was valid then and has expired since.
    old = make_product("Chè Shan tuyết Tả Ngảo")
    make_decision(old, date(2023, 3, 15), stars=4)
    make_decision(make_product("Mật ong bạc hà"), date(2026, 1, 5), stars=4)
    lapsed = make_product("Gạo Séng Cù")
    make_decision(lapsed, date(2023, 1, 5), stars=4)
    html = page(client, "/?ngay=31/12/2025")
    featured = html.split('id="featured"')[1].split("</section>")[0]
    assert "Gạo Séng Cù" in featured and "Mật ong" not in featured
    newest = html.split('id="newest"')[1].split("</section>")[0]
    assert "Mật ong" not in newest and "Chè Shan tuyết Tả Ngảo" in newest
    main = html.split("<main")[1].split("</main>")[0]
    links = re.findall(r'href="(/[^"#]*)"', main)
    day_links = [link for link in links if not link.startswith(("/static/", "/media/"))]
    assert day_links
    for link in day_links:
        assert link == "/" or "ngay=31/12/2025" in link, link
    assert 'href="/san-pham/?sao=4&amp;ngay=31/12/2025"' in html
    assert 'href="/en/?ngay=31/12/2025"' in html or 'href="/en/?ngay=31%2F12%2F2025"' in html
    assert names_on(client, "/san-pham/?sao=4&ngay=31/12/2025") == [
        "Chè Shan tuyết Tả Ngảo",
        "Gạo Séng Cù",
    ]
    assert names_on(client, "/san-pham/?sao=4") == ["Chè Shan tuyết Tả Ngảo", "Mật ong bạc hà"]
    product_then = page(client, f"{lapsed.get_public_url()}?ngay=31/12/2025")
    assert "Tình trạng ngày 31/12/2025" in product_then


def test_a_future_day_says_its_figures_are_a_projection(client):
    tea()
    html = page(client, "/?ngay=31/12/2027")
    assert "Ngày 31/12/2027 chưa tới: đây là số liệu dự kiến" in html
    assert "dự kiến" not in page(client, "/")


def names_on(client, url) -> list[str]:
    html = page(client, url)
    return re.findall(r'class="product-name" href="[^"]+">([^<]+)</a>', html)


def test_the_home_page_takes_the_day_as_typed_text_not_a_date_picker(client):
    html = page(client, "/?ngay=31/12/2025")
    assert 'type="text" id="ngay" name="ngay" value="31/12/2025"' in html
    assert 'type="date"' not in html


def test_the_home_page_speaks_english_under_en(client):
    tea()
    html = page(client, "/en/")
    assert '<html lang="en">' in html and "OCOP products as of 10/01/2026" in html
    assert 'href="/" lang="vi" hreflang="vi"' in html


def test_the_product_page_shows_the_product_its_producer_history_and_todays_verdict(client):
    product = tea(description="Chè cổ thụ trên 100 năm tuổi.")
    code = product.decisions.get().public_code
    html = page(client, product.get_public_url())
    assert '<h1 id="product-name">Chè Shan tuyết Tả Ngảo</h1>' in html
    assert "Còn hiệu lực đến hết ngày 04/05/2027" in html
    assert "Quyết định số 120/QĐ-UBND ngày 04/05/2024" in html and "UBND tỉnh Lai Châu" in html
    assert "Chè cổ thụ trên 100 năm tuổi." in html and "Hợp tác xã Chè Nậm Sỏ" in html
    assert f'href="/xac-minh/{code}/"' in html and f'src="/xac-minh/{code}/qr.svg"' in html
    assert f'href="/chu-the/{product.producer_id}/"' in html


def test_the_product_page_says_plainly_when_a_product_ran_out(client):
    product = make_product("Rượu Sán Lùng")
    make_decision(product, date(2022, 12, 30))
    html = page(client, product.get_public_url())
    assert "Hết hiệu lực từ ngày 31/12/2025" in html
    assert "Đã hết hạn" in html and "30/12/2025" in html


def test_the_product_page_says_when_and_why_a_product_was_revoked(client):
    product = make_product("Sâm Lai Châu sấy lạnh")
    make_decision(
        product,
        date(2024, 6, 1),
        stars=5,
        revoked_on=date(2025, 9, 15),
        revocation_reason="Không duy trì chất lượng sản phẩm",
    )
    html = page(client, product.get_public_url())
    assert "Đã bị thu hồi ngày 15/09/2025" in html
    assert "Lý do: Không duy trì chất lượng sản phẩm" in html


def test_a_re_evaluated_product_shows_both_decisions_and_links_the_one_in_force(client):
    product = make_product("Gạo Séng Cù")
    old = make_decision(product, date(2022, 6, 1), stars=3)
    new = make_decision(product, date(2025, 5, 20), stars=4)
    html = page(client, product.get_public_url())
    assert "Còn hiệu lực đến hết ngày 20/05/2028" in html
    assert html.index(new.number) < html.index(old.number)
    assert f'href="/xac-minh/{new.public_code}/"' in html
    assert "Đang có hiệu lực" in html and "Đã hết hạn" in html


def test_a_wrong_or_missing_slug_redirects_to_the_products_address(client):
    product = tea()
    assert product.get_public_url() == f"/san-pham/{product.pk}-che-shan-tuyet-ta-ngao/"
    for wrong in [f"/san-pham/{product.pk}-che/", f"/san-pham/{product.pk}/"]:
        response = client.get(wrong)
        assert response.status_code == 301 and response["Location"] == product.get_public_url()


def test_an_unknown_product_answers_404_in_vietnamese(client):
    assert "Không tìm thấy trang" in page(client, "/san-pham/999999-khong-co/", status=404)


def test_the_admin_view_on_site_opens_the_public_page(officer):
    product = tea()
    html = page(officer, f"/admin/registry/product/{product.pk}/change/")
    assert "/admin/r/" in html
    response = officer.get(f"/admin/r/{_content_type(product)}/{product.pk}/")
    assert response["Location"].endswith(product.get_public_url())


def _content_type(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_the_producer_page_lists_its_products_with_todays_status_in_dictionary_order(client):
    producer = make_producer("Hợp tác xã Sâm Lai Châu", unit_name="Tả Lèng", phone="0912 345 678")
    make_decision(make_product("Sâm sấy lạnh", producer), date(2024, 6, 1), stars=5)
    make_decision(make_product("Rượu sâm", producer), date(2022, 1, 5))
    html = page(client, f"/chu-the/{producer.pk}/")
    assert "<h1>Hợp tác xã Sâm Lai Châu</h1>" in html and 'href="tel:0912345678"' in html
    assert html.index("Rượu sâm") < html.index("Sâm sấy lạnh")
    assert "Còn hiệu lực" in html and "Hết thời hạn, chưa đánh giá lại" in html


def test_product_and_producer_pages_write_places_and_names_as_the_lists_do(client):
    """As typed: lower case places, a type word abbreviated, the field capitalised like a
    proper name; printed by the lists' rules (issue 19), the stored text unchanged."""
    producer = make_producer(
        "htx dịch vụ nông nghiệp nậm sỏ", address="bản lao chải, xã nậm sỏ, huyện tân uyên"
    )
    product = make_product("Chè búp nậm sỏ", producer, address="bản lao chải, xã nậm sỏ")
    make_decision(product, date(2024, 6, 1))
    html = page(client, product.get_public_url())
    assert '<h1 id="product-name">Chè búp Nậm Sỏ</h1>' in html
    assert "Hợp tác xã Dịch vụ nông nghiệp Nậm Sỏ</a>" in html
    assert "Bản Lao Chải, xã Nậm Sỏ, " in html
    assert "Bản Lao Chải, xã Nậm Sỏ, huyện Tân Uyên</dd>" in html
    html = page(client, f"/chu-the/{producer.pk}/")
    assert "<h1>Hợp tác xã Dịch vụ nông nghiệp Nậm Sỏ</h1>" in html
    assert "Bản Lao Chải, xã Nậm Sỏ, huyện Tân Uyên, " in html
    producer.refresh_from_db()
    assert producer.address == "bản lao chải, xã nậm sỏ, huyện tân uyên"
    for url in ("/", "/san-pham/?q=che+bup", f"/xac-minh/{product.decisions.get().public_code}/"):
        html = page(client, url)
        assert "Chè búp Nậm Sỏ" in html and "Hợp tác xã Dịch vụ nông nghiệp Nậm Sỏ" in html, url
        assert "nậm sỏ" not in html.replace("Nậm Sỏ", ""), url


def test_the_commune_page_lists_the_products_made_there(client):
    product = tea()
    html = page(client, f"/xa-phuong/{product.unit.code}/")
    assert "Sản phẩm OCOP xã Nậm Sỏ" in html
    assert product.get_public_url() in html
    assert "Expired" not in html
    assert "OCOP products of Nậm Sỏ commune" in page(client, f"/en/xa-phuong/{product.unit.code}/")


def test_a_product_without_photos_shows_a_placeholder_with_its_product_set(client):
    product = tea()
    html = page(client, product.get_public_url())
    assert 'class="placeholder"' in html and product.product_set.name in html
    assert '<img src="/media' not in html


def test_a_list_shows_a_product_without_photos_as_a_compact_row_not_a_placeholder(client):
    product = tea()
    html = page(client, f"/xa-phuong/{product.unit.code}/")
    start = html.index('<li class="product-tile')
    tile = html[start : html.index("</li>", start)]
    assert 'class="product-tile no-photo"' in tile and 'class="tile-icon"' in tile
    assert 'class="placeholder"' not in tile and "Chưa có ảnh" not in tile
    assert product.name in tile


def test_a_photo_uploaded_in_the_admin_is_stored_without_exif_resized_and_served(officer, media):
    product = tea()
    response = upload_photo(officer, product, photo_with_gps())
    assert response.status_code == 302, response.content.decode()[:3000]
    photo = ProductPhoto.objects.get()
    stored = Image.open(media / photo.image.name)
    assert stored.size == (1600, 1200)
    assert not stored.getexif() and GPS_IFD not in stored.getexif()
    assert b"Exif" not in (media / photo.image.name).read_bytes()
    for width in (320, 640, 1280):
        copy = media / photo.image.name.replace(".jpg", f"-{width}.jpg")
        assert Image.open(copy).width == width
    html = page(officer, product.get_public_url())
    assert 'srcset="/media/' in html and "320w" in html and "1600w" in html
    assert 'alt="Hộp chè 100 g, nhãn xanh"' in html


def test_a_file_that_is_not_a_photo_is_refused_in_vietnamese(officer):
    product = tea()
    response = upload_photo(officer, product, b"%PDF-1.4 not a photo", name="giay-chung-nhan.pdf")
    assert response.status_code == 200
    assert "giay-chung-nhan.pdf: Tệp không đọc được như một ảnh" in response.content.decode()
    assert not ProductPhoto.objects.exists()


def test_where_to_buy_shows_the_products_and_the_producers_points_of_sale(client):
    product = tea()
    PointOfSale.objects.create(
        product=product, name="Cửa hàng OCOP Lai Châu", address="Số 5 đường Trần Phú"
    )
    PointOfSale.objects.create(
        producer=product.producer,
        kind="online",
        name="Gian hàng Postmart",
        url="https://postmart.vn/che",
    )
    html = page(client, product.get_public_url())
    assert "Cửa hàng OCOP Lai Châu" in html and "Số 5 đường Trần Phú" in html
    assert 'href="https://postmart.vn/che"' in html and "Bán trực tuyến" in html


def test_the_verification_page_shows_the_photo_and_links_to_the_product_page(officer):
    product = tea()
    upload_photo(officer, product, photo_with_gps())
    html = page(officer, f"/xac-minh/{product.decisions.get().public_code}/")
    assert 'alt="Hộp chè 100 g, nhãn xanh"' in html and "Chưa có ảnh sản phẩm" not in html
    assert f'href="{product.get_public_url()}"' in html


def test_only_product_photos_are_served_from_media_never_misuse_reports(client, media):
    (media / "phan-anh").mkdir(parents=True)
    (media / "phan-anh" / "bao-cao.jpg").write_bytes(photo_with_gps((10, 10)))
    assert client.get("/media/phan-anh/bao-cao.jpg").status_code == 404


# The product photos' route as ocop/catalog/urls_pages.py adds it with DEBUG or OCOP_DEMO
# (the tests' URL map is built without either).
urlpatterns = [re_path(r"^media/san-pham/(?P<path>.*)$", product_photo), *site.urlpatterns]


def test_the_product_photos_route_never_climbs_to_a_private_folder(client, media, settings):
    settings.ROOT_URLCONF = __name__
    (media / "phan-anh").mkdir(parents=True)
    (media / "phan-anh" / "bao-cao.jpg").write_bytes(photo_with_gps((10, 10)))
    (media / "san-pham").mkdir()
    (media / "san-pham" / "che.jpg").write_bytes(photo_with_gps((10, 10)))
    assert client.get("/media/san-pham/che.jpg").status_code == 200
    # Issue 18: san-pham/../phan-anh/ served a reporter's photo.
    for climb in ("%2e%2e", "..", "%2E%2E", "che.jpg/%2e%2e/%2e%2e", "%2e%2e%2f"):
        response = client.get(f"/media/san-pham/{climb}/phan-anh/bao-cao.jpg")
        assert response.status_code in (400, 404), climb


def test_without_the_producers_contact_a_page_gives_the_departments(client, settings):
    settings.OCOP_DEPARTMENT_PHONE = "0213 3800 000"
    settings.OCOP_DEPARTMENT_EMAIL = "ocop@sonnmt.laichau.gov.vn"
    product = tea()
    for url in (product.get_public_url(), f"/chu-the/{product.producer_id}/"):
        html = page(client, url)
        assert "theo số điện thoại ở trên" not in html
        assert "sổ chưa có số điện thoại hay thư điện tử của chủ thể" in html
        assert html.count('href="tel:02133800000"') == 2  # the page and its footer
        assert 'href="mailto:ocop@sonnmt.laichau.gov.vn"' in html
    product.producer.phone = "0213 3876 543"
    product.producer.save()
    html = page(client, product.get_public_url())
    assert "hãy liên hệ chủ thể qua số điện thoại hoặc thư điện tử ở trên" in html
