"""Reports of the OCOP mark used without valid recognition: /phan-anh/."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from ocop.catalog.models import MisuseReport
from ocop.shared.images import MAX_PIXELS
from ocop.shared.models import ClientCount
from tests.test_images import GPS_IFD, jpeg_with_gps, png_header_only

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def photo(data=None, name="anh-chup.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data if data is not None else jpeg_with_gps(), content_type)


def report(client, url="/phan-anh/", **fields):
    data = {
        "product": "Mật ong bạc hà",
        "code": "",
        "place": "Chợ trung tâm, phường Tân Phong",
        "description": "Hộp in nhãn OCOP 4 sao nhưng mã không tra được.",
        "photo": photo(),
        "contact": "",
        "website": "",
        **fields,
    }
    return client.post(url, data)


def files_in(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_a_report_with_a_real_jpeg_is_stored_without_exif(visitor, media):
    response = report(visitor)

    stored = MisuseReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/phan-anh/da-nhan/{stored.reference}/"
    assert stored.status == MisuseReport.Status.NEW
    assert stored.place == "Chợ trung tâm, phường Tân Phong"
    with Image.open(stored.photo.path) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert GPS_IFD not in image.getexif()
    assert "anh-chup" not in stored.photo.name
    assert files_in(media) == [media / stored.photo.name]


def test_the_thank_you_page_gives_the_reference_number(visitor):
    response = report(visitor)
    page = visitor.get(response["Location"]).content.decode()

    reference = MisuseReport.objects.get().reference
    assert reference.startswith("PA-20")
    assert "Đã nhận phản ánh" in page
    assert f'<strong class="reference">{reference}</strong>' in page


def test_the_honeypot_refuses_and_stores_nothing(visitor, media):
    response = report(visitor, website="http://spam.example")

    assert response.status_code == 400
    assert "phản ánh có dấu hiệu gửi tự động" in response.content.decode()
    assert not MisuseReport.objects.exists()
    assert files_in(media) == []


def test_the_sixth_report_in_an_hour_from_one_address_gets_429_in_vietnamese(visitor):
    for _ in range(5):
        assert report(visitor).status_code == 302

    sixth = report(visitor)
    other_address = report(Client(REMOTE_ADDR="203.0.113.9"))

    assert sixth.status_code == 429
    assert "Bạn đã gửi 5 phản ánh trong một giờ qua" in sixth.content.decode()
    assert other_address.status_code == 302
    assert MisuseReport.objects.count() == 6


def test_the_count_keeps_no_address_in_the_clear(visitor):
    report(visitor)

    assert ClientCount.objects.get().client not in ("127.0.0.1", "")
    assert "127.0.0.1" not in ClientCount.objects.get().client


def test_it_counts_the_address_behind_the_proxy(settings):
    settings.REVERSE_PROXY_COUNT = 1
    for n in range(5):
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        assert report(client).status_code == 302

    same_proxy_new_client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert report(same_proxy_new_client).status_code == 302


def test_a_too_large_photo_is_refused_in_vietnamese(visitor, media):
    big = photo(b"\xff\xd8" + b"0" * 8_000_001)

    response = report(visitor, photo=big)

    assert response.status_code == 400
    assert "Ảnh “anh-chup.jpg” quá lớn; dung lượng tối đa là 8 MB." in response.content.decode()
    assert not MisuseReport.objects.exists() and files_in(media) == []


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"Day khong phai anh", "ghi-chu.txt"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "logo.svg"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_in_vietnamese(visitor, media, data, name):
    response = report(visitor, photo=photo(data, name=name))

    html = response.content.decode()
    assert response.status_code == 400
    assert f"Ảnh “{name}”: Tệp không đọc được như một ảnh JPEG, PNG hoặc WebP" in html
    assert not MisuseReport.objects.exists() and files_in(media) == []
    assert ClientCount.objects.get().count == 1  # a refused post counts too


def test_a_png_stays_png(visitor):
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, "PNG")

    report(visitor, photo=photo(out.getvalue(), name="a.png", content_type="image/png"))

    assert MisuseReport.objects.get().photo.name.endswith(".png")


def test_missing_place_description_and_photo_are_named_in_vietnamese(visitor):
    response = visitor.post("/phan-anh/", {"place": "", "description": "", "website": ""})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Chưa gửi được phản ánh" in html
    assert "Vui lòng nhập nơi bạn thấy sản phẩm." in html
    assert "Vui lòng nhập nội dung phản ánh." in html
    assert "Vui lòng chọn ảnh chụp sản phẩm." in html
    assert not MisuseReport.objects.exists()


def test_nothing_is_half_written_when_the_database_write_fails(visitor, media, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ClientCount, "record", broken)
    with pytest.raises(RuntimeError):
        report(visitor)

    assert not MisuseReport.objects.exists()
    assert files_in(media) == []


def test_the_form_needs_a_csrf_token():
    strict = Client(enforce_csrf_checks=True)

    assert report(strict).status_code == 403
    assert 'name="csrfmiddlewaretoken"' in strict.get("/phan-anh/").content.decode()


def test_the_english_form_speaks_english(visitor):
    html = visitor.get("/en/phan-anh/").content.decode()

    assert '<html lang="en">' in html
    assert "Report misuse of the OCOP mark" in html
    assert report(visitor, url="/en/phan-anh/")["Location"].startswith("/en/phan-anh/da-nhan/")


def test_the_admin_lists_reports_in_vietnamese_and_marks_them_seen(client, department_officer):
    report(Client())
    client.force_login(department_officer)
    stored = MisuseReport.objects.get()

    listing = client.get("/admin/catalog/misusereport/").content.decode()
    client.post(
        "/admin/catalog/misusereport/",
        {"action": "mark_seen", "_selected_action": [stored.pk]},
    )

    assert stored.reference in listing and "Mới" in listing
    assert MisuseReport.objects.get().status == MisuseReport.Status.SEEN


# --- posts that cost the server (issue 18) ---------------------------------------------------


def test_every_post_counts_refused_ones_too(visitor):
    for _ in range(5):
        assert report(visitor, place="").status_code == 400

    sixth = report(visitor)

    assert sixth.status_code == 429
    assert not MisuseReport.objects.exists()


def test_a_post_with_an_empty_field_decodes_no_photo(visitor, monkeypatch):
    def decoded(*args, **kwargs):
        raise AssertionError("the photo was decoded")

    monkeypatch.setattr("ocop.catalog.misuse_form.clean_image", decoded)

    response = report(visitor, place="")

    assert response.status_code == 400
    assert "Nơi bạn thấy sản phẩm" in response.content.decode()


def test_a_small_file_of_forty_megapixels_is_refused_from_its_header(visitor, monkeypatch):
    heavy = png_header_only(8000, 5000)  # 40 megapixels in a few hundred bytes
    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", None)  # any decoding would fail

    response = report(visitor, photo=photo(heavy, name="anh.png", content_type="image/png"))

    assert response.status_code == 400
    assert "Ảnh có kích thước điểm ảnh quá lớn" in response.content.decode()
    assert not MisuseReport.objects.exists()


def test_a_photo_of_twenty_five_megapixels_is_the_most_taken():
    assert MAX_PIXELS == Image.MAX_IMAGE_PIXELS == 25_000_000
