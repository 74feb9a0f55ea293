"""The home, product, producer and commune pages in a real Chromium: no axe-core WCAG 2.2 AA
violation and no Content-Security-Policy refusal at phone and desktop width; screenshots are
kept in test-artifacts/ for a person to look at."""

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from ocop.catalog import photos
from ocop.catalog.models import PointOfSale, ProductPhoto
from ocop.registry.models import ProductSet
from tests.browser_checks import PageChecker
from tests.factories import make_decision, make_producer, make_product


def a_photo() -> bytes:
    image = Image.new("RGB", (1200, 900), (214, 226, 205))
    draw = ImageDraw.Draw(image)
    draw.rectangle((380, 180, 820, 780), fill=(46, 110, 64))
    draw.rectangle((430, 330, 770, 520), fill=(245, 240, 225))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


def cast():
    tea_set = ProductSet.objects.get(number=3)
    tea = make_product("Chè Shan tuyết Tả Ngảo", product_set=tea_set,
                       description="Chè cổ thụ hái trên núi Tả Ngảo, sao thủ công.")  # fmt: skip
    make_decision(tea, date(2021, 4, 2), stars=3, issuer="UBND huyện Sìn Hồ")
    make_decision(tea, date(2024, 5, 4), stars=4, issuer="UBND tỉnh Lai Châu")
    ProductPhoto.objects.create(
        product=tea, image=photos.cleaned_upload(ContentFile(a_photo())), alt="Hộp chè xanh"
    )
    address = "Số 5 đường Trần Phú, phường Tân Phong"
    PointOfSale.objects.create(
        product=tea, name="Cửa hàng OCOP", address=address, phone="0213 3876 543"
    )
    producer = make_producer("Hợp tác xã Sâm Lai Châu", unit_name="Tả Lèng", phone="0912 345 678")
    ginseng = make_product(
        "Sâm Lai Châu sấy lạnh", producer, product_set=ProductSet.objects.get(number=20)
    )
    make_decision(ginseng, date(2024, 6, 1), stars=5, revoked_on=date(2025, 9, 15),
                  revocation_reason="Không duy trì chất lượng sản phẩm")  # fmt: skip
    make_decision(make_product("Rượu sâm", producer), date(2025, 10, 1), stars=4)
    honey = make_product("Mật ong bạc hà", make_producer("Hợp tác xã Mật ong Nậm Sỏ"))
    make_decision(honey, date(2024, 1, 2), stars=3)
    return {
        "home": "/",
        "home-a-day": "/?ngay=31/12/2025",
        "home-a-future-day": "/?ngay=31/12/2027",
        "home-english-a-day": "/en/?ngay=31/12/2025",
        "product-no-contact": honey.get_public_url(),
        "open-data-english": "/en/du-lieu/",
        "about": "/gioi-thieu/",
        "about-english": "/en/gioi-thieu/",
        "product-photo": tea.get_public_url(),
        "product-no-photo": ginseng.get_public_url(),
        "producer": f"/chu-the/{producer.pk}/",
        "commune": f"/xa-phuong/{tea.unit.code}/",
        "product-english": f"/en{tea.get_public_url()}",
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280, 1366])
def test_the_public_pages_pass_axe_at_phone_and_desktop_width(
    live_server, page, width, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.OCOP_DEPARTMENT_PHONE = "0213 3800 000"
    settings.OCOP_DEPARTMENT_EMAIL = "ocop@sonnmt.laichau.gov.vn"
    broken = []
    page.on("response", lambda r: r.status >= 400 and "/media/" in r.url and broken.append(r.url))
    checker = PageChecker(page, width)
    for name, path in cast().items():
        checker.visit(live_server.url + path, f"public-{name}")
    assert checker.refused == [] and broken == []
