"""The cast of the enforcement tests: a recognised tea of Nậm Sỏ with a producer who has an
address, a commune officer there with one, and small files to attach."""

import io
from datetime import date

from PIL import Image

from tests.factories import make_decision, make_producer, make_product
from tests.staff import make_staff

TODAY = date(2026, 1, 10)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def tea_decision(**fields):
    producer = make_producer(email="htx.namso@example.vn")
    product = make_product("Chè Shan tuyết Nậm Sỏ", producer=producer)
    fields.setdefault("issuer", "UBND tỉnh Lai Châu")
    return make_decision(product, decided_on=date(2024, 5, 4), stars=4, **fields)


def commune_officer(commune="Nậm Sỏ", email="canbo.namso@example.vn", username=None):
    return make_staff("commune", commune=commune, email=email, username=username)


def jpeg_with_gps() -> bytes:
    """A small photo whose EXIF carries GPS tags, as phones write them."""
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (22.0, 23.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()
