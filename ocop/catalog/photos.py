"""Product photos as stored: the cleaned image (ocop.shared.images: checked, metadata gone)
and narrower copies beside it, so a phone downloads a 320 px picture, not the original."""

import io
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image

from ocop.shared.images import clean_image, resized

WIDTHS = (320, 640, 1280)


def cleaned_upload(upload) -> ContentFile:
    """The uploaded file cleaned, ready to store; ImageRefused (Vietnamese) when it is not a
    photo we keep. Reads at most one byte past the limit, so a huge upload is not loaded."""
    limit = settings.OCOP_PHOTO_MAX_MB * 1_000_000
    upload.seek(0)
    data = clean_image(upload.read(limit + 1), max_bytes=limit)
    extension = "png" if data.startswith(b"\x89PNG") else "jpg"
    return ContentFile(data, name=f"anh.{extension}")


def make_copies(photo) -> None:
    """Record the stored image's size and write its narrower copies (JPEG) beside it."""
    with photo.image.open("rb") as stored:
        data = stored.read()
    with Image.open(io.BytesIO(data)) as image:
        photo.width, photo.height = image.size
    made = []
    for width in WIDTHS:
        if width < photo.width:
            default_storage.save(
                copy_name(photo.image.name, width), ContentFile(resized(data, width))
            )
            made.append(str(width))
    photo.copies = ",".join(made)
    type(photo).objects.filter(pk=photo.pk).update(
        width=photo.width, height=photo.height, copies=photo.copies
    )


def copy_name(name: str, width: int) -> str:
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}.jpg"))


def srcset(photo) -> str:
    """`srcset` of the copies and the image itself, each with its width."""
    widths = [int(w) for w in photo.copies.split(",") if w]
    sources = [f"{default_storage.url(copy_name(photo.image.name, w))} {w}w" for w in widths]
    return ", ".join([*sources, f"{photo.image.url} {photo.width}w"])


def smallest_url(photo) -> str:
    widths = [int(w) for w in photo.copies.split(",") if w]
    return (
        default_storage.url(copy_name(photo.image.name, widths[0])) if widths else photo.image.url
    )


def stored_names(image_name: str, copies: str) -> list[str]:
    """The image and every narrower copy made of it."""
    if not image_name:
        return []
    return [image_name] + [copy_name(image_name, int(w)) for w in copies.split(",") if w]


def delete_after_commit(names: list[str]) -> None:
    """Delete files once the row that named them is gone for good: a rolled-back delete or
    replacement keeps a row that still needs its files."""

    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


def forget_replaced(photo) -> None:
    """Before a photo's row is saved with a new image: its old files go once the save commits."""
    if photo.pk is None:
        return
    old = type(photo).objects.filter(pk=photo.pk).values("image", "copies").first()
    if old and old["image"] != photo.image.name:
        delete_after_commit(stored_names(old["image"], old["copies"]))


def forget_deleted(sender, instance, **kwargs) -> None:
    """post_delete of a product photo (one, a queryset or a product's cascade): its files."""
    delete_after_commit(stored_names(instance.image.name, instance.copies))


def forget_report_photo(sender, instance, **kwargs) -> None:
    """post_delete of a misuse report: the reporter's photo goes with it."""
    delete_after_commit(stored_names(instance.photo.name, ""))
