"""Checking and cleaning photos uploaded by the public (misuse reports) and by officers.

Every photo is decoded and re-encoded: that is the only reliable way to drop EXIF, GPS and XMP
metadata (a reporter's home address is often in the GPS tags) and to refuse files that only
pretend to be images.
"""

import io
import warnings
from contextlib import contextmanager

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
JPEG_QUALITY = 85
# The most pixels a photo may have: a 25-megapixel camera's. Decoding takes 3 to 4 bytes a
# pixel whatever the file weighs (a PNG of 40 megapixels in one colour is 155 KB and took
# 160 MB a post, issue 18), so the header's size is checked before anything is decoded.
MAX_PIXELS = 25_000_000
# Pillow's own guard for any picture opened elsewhere (its warning above this, its error
# above twice this), the same limit.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# Why a photo was refused, in the language of the page that received it (Vietnamese in the
# back office and on the Vietnamese pages, English on /en/).
REFUSALS = {
    "too_big": _("Ảnh quá lớn (%(size)s); dung lượng tối đa là %(limit)s."),
    "not_image_type": _(
        "Tệp không phải ảnh JPEG, PNG hoặc WebP; vui lòng gửi ảnh chụp dạng JPEG, PNG hoặc WebP."
    ),
    "too_many_pixels": _(
        "Ảnh có kích thước %(width)s × %(height)s điểm ảnh, quá lớn để xử lý; vui lòng gửi ảnh "
        "nhỏ hơn."
    ),
    "bomb": _("Ảnh có kích thước điểm ảnh quá lớn; vui lòng gửi ảnh nhỏ hơn."),
    "unreadable": _(
        "Tệp không đọc được như một ảnh JPEG, PNG hoặc WebP; vui lòng gửi lại ảnh chụp."
    ),
}


def megabytes(size: int) -> str:
    """'8,4 MB' in Vietnamese (decimal comma), '8.4 MB' in English."""
    return f"{number_format(size / 1_000_000, 1)} MB"


class ImageRefused(ValueError):
    """A photo we will not store. `str()` is the message for the person uploading, in the
    active language (Vietnamese but on the English pages)."""

    def __init__(self, reason: str, **values):
        self.reason, self.values = reason, values
        super().__init__(reason)

    def __str__(self) -> str:
        values = {
            key: megabytes(value) if key in ("size", "limit") else value
            for key, value in self.values.items()
        }
        return REFUSALS[self.reason] % values


def check_image(data: bytes, *, max_bytes: int, max_pixels: int = MAX_PIXELS) -> None:
    """Refuse, from its size and header alone, without decoding it, a photo too heavy, of
    a format we do not take, or of too many pixels (ImageRefused)."""
    if len(data) > max_bytes:
        raise ImageRefused("too_big", size=len(data), limit=max_bytes)
    with _opened(data) as image:  # Image.open reads the header only
        if image.format not in ACCEPTED_FORMATS:
            raise ImageRefused("not_image_type")
        if image.width * image.height > max_pixels:
            raise ImageRefused("too_many_pixels", width=image.width, height=image.height)


def clean_image(data: bytes, *, max_bytes: int, max_pixels: int = MAX_PIXELS) -> bytes:
    """Return the photo re-encoded (JPEG, or PNG when it came as PNG) without any metadata,
    checked first as check_image does."""
    check_image(data, max_bytes=max_bytes, max_pixels=max_pixels)
    with _opened(data) as image:
        image.load()
        fmt = "PNG" if image.format == "PNG" else "JPEG"
        return _encode(ImageOps.exif_transpose(image), fmt)


def resized(data: bytes, width: int) -> bytes:
    """A copy narrowed to `width` pixels (never widened), as JPEG, for `srcset`."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        if image.width > width:
            height = max(1, round(image.height * width / image.width))
            image = image.resize((width, height), Image.Resampling.LANCZOS)
        return _encode(image, "JPEG")


@contextmanager
def _opened(data: bytes):
    """The picture opened (lazily: nothing decoded until load), with Pillow's failures as
    refusals. Its bomb warning is made an error for anything our own check lets through."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                yield image
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused("bomb") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRefused("unreadable") from None


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = _flatten(image)
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    # Transparent areas become white rather than black when a PNG/WebP is saved as JPEG.
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background
