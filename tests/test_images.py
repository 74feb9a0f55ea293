"""Photos from the public: only real JPEG/PNG/WebP, never too big, always stripped of metadata."""

import io
import struct
import zlib

import pytest
from PIL import Image

from ocop.shared.images import ImageRefused, clean_image, resized

MB = 1_000_000
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps(size=(40, 20), orientation=None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh của người phản ánh"
    exif[GPS_IFD] = {1: "N", 2: (22.0, 23.0, 45.0), 3: "E", 4: (103.0, 27.0, 30.0)}
    if orientation:
        exif[ORIENTATION] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, xmp=b"<x:xmpmeta>secret place</x:xmpmeta>")
    return out.getvalue()


def encoded(fmt: str, size=(30, 30), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (10, 120, 60) if mode == "RGB" else 1).save(out, fmt)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG file that claims a huge picture: decoding it would take gigabytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_it_strips_exif_gps_and_xmp_from_a_jpeg():
    original = jpeg_with_gps()
    assert opened(original).getexif().get(GPS_IFD) is not None

    cleaned = clean_image(original, max_bytes=5 * MB)

    image = opened(cleaned)
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert "xmp" not in image.info and "exif" not in image.info
    assert b"secret place" not in cleaned
    assert image.size == (40, 20)


def test_it_applies_the_exif_orientation_before_dropping_it():
    # Orientation 6 means "rotate 90° clockwise to view": a 40×20 sensor image shows as 20×40.
    cleaned = clean_image(jpeg_with_gps(size=(40, 20), orientation=6), max_bytes=5 * MB)

    assert opened(cleaned).size == (20, 40)


def test_it_keeps_a_png_as_png():
    cleaned = clean_image(encoded("PNG"), max_bytes=5 * MB)

    assert opened(cleaned).format == "PNG"


def test_it_accepts_a_webp_and_stores_it_as_jpeg():
    cleaned = clean_image(encoded("WEBP"), max_bytes=5 * MB)

    assert opened(cleaned).format == "JPEG"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("Đây là một tệp văn bản.".encode(), "không đọc được như một ảnh"),
        (encoded("GIF", mode="P"), "không phải ảnh JPEG, PNG hoặc WebP"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "không đọc được như một ảnh",
        ),
        (b"", "không đọc được như một ảnh"),
        (encoded("JPEG")[:60], "không đọc được như một ảnh"),
    ],
    ids=["text", "gif", "svg", "empty", "truncated-jpeg"],
)
def test_it_refuses_what_is_not_a_jpeg_png_or_webp_in_vietnamese(data, words):
    with pytest.raises(ImageRefused, match=words):
        clean_image(data, max_bytes=5 * MB)


def test_it_refuses_an_oversized_file_naming_the_limit():
    data = encoded("PNG", size=(600, 600))

    with pytest.raises(ImageRefused, match=r"Ảnh quá lớn .*tối đa là 0,0 MB"):
        clean_image(data, max_bytes=len(data) - 1 if len(data) < 50_000 else 10_000)


def test_it_refuses_a_decompression_bomb_without_decoding_it():
    bomb = png_header_only(100_000, 100_000)
    assert len(bomb) < 200

    with pytest.raises(ImageRefused, match=r"điểm ảnh.*quá lớn"):
        clean_image(bomb, max_bytes=5 * MB)


def test_it_refuses_a_picture_over_the_pixel_limit_given():
    with pytest.raises(ImageRefused, match="quá lớn để xử lý"):
        clean_image(encoded("PNG", size=(200, 200)), max_bytes=5 * MB, max_pixels=10_000)


def test_resized_makes_a_narrower_jpeg_keeping_the_proportions():
    narrow = opened(resized(encoded("PNG", size=(800, 400)), 200))

    assert (narrow.format, narrow.size) == ("JPEG", (200, 100))


def test_resized_never_widens_a_small_photo():
    assert opened(resized(encoded("JPEG", size=(120, 60)), 480)).size == (120, 60)
