"""What the demo (`ocop demo_setup`, OCOP_DEMO=1 only) adds to its generated registry so that a
product page looks as it should: a drawn photo for the products the home page features and a
phone and e-mail for their producers. The photos are drawn here with Pillow (nothing is
downloaded: the demo runs offline) and stored as an officer's upload is, copies included."""

import io
from datetime import date

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from ocop.catalog import photos
from ocop.catalog.models import ProductPhoto
from ocop.catalog.pages import featured

# (background, package, label) colours: greens and earth tones of the province's products.
PALETTES = [
    ((214, 226, 205), (46, 110, 64), (245, 240, 225)),
    ((238, 224, 200), (150, 90, 40), (250, 245, 230)),
    ((220, 230, 238), (40, 90, 140), (240, 244, 248)),
    ((240, 228, 214), (170, 60, 50), (252, 240, 220)),
]


def drawn_photo(n: int) -> bytes:
    """A JPEG of a package (a box, a jar or a bottle, by `n`) with a label, 1200 × 900."""
    background, package, label = PALETTES[n % len(PALETTES)]
    image = Image.new("RGB", (1200, 900), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((300, 760, 900, 840), fill=tuple(c - 30 for c in background))  # its shadow
    shape = n % 3
    if shape == 0:  # a box
        draw.rectangle((400, 220, 800, 800), fill=package)
        draw.rectangle((440, 400, 760, 560), fill=label)
    elif shape == 1:  # a jar
        draw.rounded_rectangle((380, 300, 820, 800), radius=60, fill=package)
        draw.rectangle((430, 230, 770, 310), fill=tuple(c // 2 for c in package))
        draw.rectangle((420, 460, 780, 620), fill=label)
    else:  # a bottle
        draw.rectangle((550, 120, 650, 330), fill=package)
        draw.rounded_rectangle((440, 300, 760, 800), radius=80, fill=package)
        draw.rectangle((460, 480, 740, 640), fill=label)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def showcase(day: date) -> int:
    """A drawn photo for each product the home page features on `day` that has none, and a
    phone and e-mail for their producers where missing; the number of photos added."""
    added = 0
    for n, product in enumerate(featured(day)):
        if not product.photos.exists():
            image = photos.cleaned_upload(ContentFile(drawn_photo(n)))
            ProductPhoto.objects.create(
                product=product, image=image, alt=f"Ảnh minh hoạ bản trình diễn: {product.name}"
            )
            added += 1
        producer = product.producer
        if not (producer.phone and producer.email):
            producer.phone = producer.phone or f"0213 3876 {100 + n:03d}"
            producer.email = producer.email or f"lien-he-{producer.pk}@example.com"
            producer.save(update_fields=["phone", "email", "updated_at"])
    return added
