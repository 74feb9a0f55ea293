"""Checking a file attached to a dossier: a PDF (its `%PDF-` signature) or a photo (decoded
and re-encoded by ocop.shared.images, which drops EXIF and GPS), no larger than
MAX_BYTES. Anything else is refused with a Vietnamese message."""

from dataclasses import dataclass

from django.core.files.base import ContentFile

from ocop.shared.images import ImageRefused, clean_image

MAX_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class FileRefused(ValueError):
    """`str()` is the message for the officer."""


@dataclass(frozen=True)
class CheckedFile:
    content: ContentFile
    file_type: str  # DossierFile.FileType value
    extension: str


def checked_upload(upload) -> CheckedFile:
    if upload.size > MAX_BYTES:
        raise FileRefused(
            f"Tệp “{upload.name}” nặng {_megabytes(upload.size)}, quá giới hạn"
            f" {_megabytes(MAX_BYTES)}."
        )
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FileRefused(f"Tệp “{upload.name}” quá giới hạn {_megabytes(MAX_BYTES)}.")
    if not data:
        raise FileRefused(f"Tệp “{upload.name}” trống.")
    if data.startswith(PDF_MAGIC):
        return CheckedFile(ContentFile(data), "pdf", "pdf")
    try:
        cleaned = clean_image(data, max_bytes=MAX_BYTES)
    except ImageRefused:
        raise FileRefused(
            f"Tệp “{upload.name}” không phải PDF hay ảnh (JPEG, PNG, WebP) đọc được."
        ) from None
    if cleaned.startswith(b"\x89PNG"):
        return CheckedFile(ContentFile(cleaned), "png", "png")
    return CheckedFile(ContentFile(cleaned), "jpeg", "jpg")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"
