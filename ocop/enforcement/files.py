"""Files officers attach: the scan of a revocation decision (PDF or photo) and inspection
photos. Checked by what they contain, not by their name: a PDF starts with `%PDF-`; a photo
is decoded and re-encoded without its metadata (ocop.shared.images), which also refuses files
that only pretend to be images. Served back only through the workspace (views_files)."""

from django import forms
from django.core.files.base import ContentFile

from ocop.shared.images import ImageRefused, clean_image

MAX_SCAN_MB = 15
MAX_PHOTO_MB = 10
MAX_PHOTOS = 10
PDF_MAGIC = b"%PDF-"
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}


def _read(upload, max_mb: int) -> bytes:
    # Checked before reading, so a huge upload is not loaded into memory.
    if upload.size > max_mb * 1_000_000:
        raise forms.ValidationError(
            f"Tệp “{upload.name}” quá lớn; dung lượng tối đa là {max_mb} MB."
        )
    return upload.read()


def cleaned_photo(upload, max_mb: int = MAX_PHOTO_MB) -> ContentFile:
    data = _read(upload, max_mb)
    try:
        cleaned = clean_image(data, max_bytes=max_mb * 1_000_000)
    except ImageRefused as refused:
        raise forms.ValidationError(f"Ảnh “{upload.name}”: {refused}") from None
    extension = "png" if cleaned.startswith(b"\x89PNG") else "jpg"
    return ContentFile(cleaned, name=f"anh.{extension}")


def cleaned_scan(upload) -> ContentFile:
    """A PDF as sent (its first bytes checked), or a photo of the paper, cleaned."""
    data = _read(upload, MAX_SCAN_MB)
    if data.startswith(PDF_MAGIC):
        return ContentFile(data, name="quyet-dinh.pdf")
    if upload.name.lower().endswith(".pdf"):
        raise forms.ValidationError(f"Tệp “{upload.name}” không phải là tệp PDF đọc được.")
    upload.seek(0)
    try:
        return cleaned_photo(upload, MAX_SCAN_MB)
    except forms.ValidationError:
        raise forms.ValidationError(
            f"Tệp “{upload.name}” không phải PDF hay ảnh JPEG, PNG, WebP; hãy gửi bản scan "
            "dạng PDF hoặc ảnh chụp."
        ) from None


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
