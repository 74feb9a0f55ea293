"""Checking and cleaning photos uploaded by the public (misuse reports) and by officers.

Every photo is decoded and re-encoded: that is the only reliable way to drop EXIF, GPS and XMP
metadata (a reporter's home address is often in the GPS tags) and to refuse files that only
pretend to be images.
"""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
JPEG_QUALITY = 85


class ImageRefused(ValueError):
    """A photo we will not store; the message is Vietnamese and meant for the person uploading."""


def clean_image(data: bytes, *, max_bytes: int, max_pixels: int = 40_000_000) -> bytes:
    """Return the photo re-encoded (JPEG, or PNG when it came as PNG) without any metadata."""
    if len(data) > max_bytes:
        raise ImageRefused(
            f"Ảnh quá lớn ({_megabytes(len(data))}); dung lượng tối đa là {_megabytes(max_bytes)}."
        )
    image = _open_checked(data, max_pixels)
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


def _open_checked(data: bytes, max_pixels: int) -> Image.Image:
    # Pillow's own bomb guard is global state; we check the header size ourselves before
    # decoding, and turn its warning into an error for anything it still catches.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise ImageRefused(
                    "Tệp không phải ảnh JPEG, PNG hoặc WebP; vui lòng gửi ảnh chụp dạng JPEG, "
                    "PNG hoặc WebP."
                )
            if image.width * image.height > max_pixels:
                raise ImageRefused(_too_many_pixels(image.width, image.height))
            image.load()
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(
            "Ảnh có kích thước điểm ảnh quá lớn; vui lòng gửi ảnh nhỏ hơn."
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRefused(
            "Tệp không đọc được như một ảnh JPEG, PNG hoặc WebP; vui lòng gửi lại ảnh chụp."
        ) from None
    return image


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


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def _too_many_pixels(width: int, height: int) -> str:
    return (
        f"Ảnh có kích thước {width} × {height} điểm ảnh, quá lớn để xử lý; "
        "vui lòng gửi ảnh nhỏ hơn."
    )
