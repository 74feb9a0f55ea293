"""Why a photo was refused, in the language of the page that received it (Vietnamese in the
back office and on the Vietnamese pages, English on /en/)."""

REFUSALS = {
    "vi": {
        "too_big": "Ảnh quá lớn ({size}); dung lượng tối đa là {limit}.",
        "upload_too_big": "Ảnh “{name}” quá lớn; dung lượng tối đa là {mb} MB.",
        "not_image_type": (
            "Tệp không phải ảnh JPEG, PNG hoặc WebP; vui lòng gửi ảnh chụp dạng JPEG, PNG hoặc "
            "WebP."
        ),
        "too_many_pixels": (
            "Ảnh có kích thước {width} × {height} điểm ảnh, quá lớn để xử lý; vui lòng gửi ảnh "
            "nhỏ hơn."
        ),
        "bomb": "Ảnh có kích thước điểm ảnh quá lớn; vui lòng gửi ảnh nhỏ hơn.",
        "unreadable": (
            "Tệp không đọc được như một ảnh JPEG, PNG hoặc WebP; vui lòng gửi lại ảnh chụp."
        ),
        "named": "Ảnh “{name}”: {reason}",
    },
    "en": {
        "too_big": "The photo is too large ({size}); the largest accepted is {limit}.",
        "upload_too_big": "The photo “{name}” is too large; the largest accepted is {mb} MB.",
        "not_image_type": "The file is not a JPEG, PNG or WebP photo; please send one of those.",
        "too_many_pixels": (
            "The photo is {width} × {height} pixels, too large to process; please send a "
            "smaller one."
        ),
        "bomb": "The photo has too many pixels; please send a smaller one.",
        "unreadable": "The file cannot be read as a JPEG, PNG or WebP photo; please send it again.",
        "named": "Photo “{name}”: {reason}",
    },
}


def megabytes(size: int, lang: str = "vi") -> str:
    """'8,4 MB' in Vietnamese (decimal comma), '8.4 MB' in English."""
    text = f"{size / 1_000_000:.1f}"
    return (text.replace(".", ",") if lang == "vi" else text) + " MB"
