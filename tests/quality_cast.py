"""Records for the data-quality desk's tests: one producer written two ways in Nậm Sỏ, each
with products, decisions, a photo and points of sale; and a pair in another province."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ocop.catalog.models import PointOfSale, ProductPhoto
from ocop.registry.models import Producer, ProducerType, Unit
from tests.factories import make_decision, make_producer, make_product
from tests.staff import other_province


def jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 120, 60)).save(buffer, "JPEG")
    return SimpleUploadedFile("anh.jpg", buffer.getvalue(), content_type="image/jpeg")


def twin_producers() -> tuple[Producer, Producer]:
    """ "Chè Nậm Sỏ" and "Chè Nậm Sò": one cooperative typed twice. Both have a product of the
    same name (so merging the producers merges those products too) and the second one more."""
    kept = make_producer("Hợp tác xã Chè Nậm Sỏ", tax_code="6200123456", phone="0213 111")
    twin = make_producer("HTX Chè Nậm Sò", address="bản Nậm Sỏ", representative="Lò Văn A")
    tea = make_product("Chè Shan tuyết Nậm Sỏ", producer=kept)
    make_decision(tea, decided_on=date(2023, 3, 15), stars=3, number="101/QĐ-UBND")
    tea_again = make_product("Chè Shan tuyết Nậm Sỏ", producer=twin, description="Chè búp")
    make_decision(tea_again, decided_on=date(2024, 2, 1), stars=4, number="202/QĐ-UBND")
    ProductPhoto.objects.create(product=tea_again, image=jpeg(), alt="Gói chè 200 g")
    PointOfSale.objects.create(product=tea_again, name="Chợ Tân Uyên", address="Tân Uyên")
    bamboo = make_product("Măng khô Nậm Sỏ", producer=twin)
    make_decision(bamboo, decided_on=date(2022, 11, 30), stars=3, number="303/QĐ-UBND")
    make_decision(bamboo, decided_on=date(2025, 11, 20), stars=3, number="404/QĐ-UBND")
    PointOfSale.objects.create(producer=twin, kind="online", name="Gian hàng", url="https://a.vn")
    return kept, twin


def twin_products():
    """Two products of one producer whose names differ by a tone mark."""
    producer = make_producer("Hợp tác xã Mường Khoa", unit_name="Tân Uyên")
    honey = make_product("Mật ong bạc hà", producer=producer)
    make_decision(honey, decided_on=date(2023, 6, 1), stars=3, number="501/QĐ-UBND")
    honey_again = make_product("Mật ong bạc hả", producer=producer)
    make_decision(honey_again, decided_on=date(2023, 6, 1), stars=4, number="502/QĐ-UBND")
    ProductPhoto.objects.create(product=honey_again, image=jpeg(), alt="Hũ mật ong")
    return honey, honey_again


def other_province_twins() -> tuple[Producer, Producer]:
    """A look-alike pair in Hà Nội: never shown to Lai Châu's staff."""
    province = other_province("01")
    unit, _ = Unit.objects.get_or_create(
        code="99001", defaults={"name": "Phú Thượng", "kind": "phường", "province": province}
    )
    first = Producer.objects.create(
        name="Hợp tác xã Sen Tây Hồ", kind=ProducerType.COOPERATIVE, unit=unit
    )
    second = Producer.objects.create(
        name="Hợp tác xã Sen Tay Hồ", kind=ProducerType.COOPERATIVE, unit=unit
    )
    make_decision(make_product("Trà sen Tây Hồ", producer=first, unit=unit), number="9/QĐ-UBND")
    return first, second
