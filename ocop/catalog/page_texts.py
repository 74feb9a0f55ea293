"""The words of the home, product, producer and commune pages, Vietnamese first and English
second, as texts.py holds those of the verification pages. Verdicts come from
ocop.domain.verdict and status labels from ocop.domain.status; only their English is here."""

from ocop.domain.status import Status

STATUS_EN = {
    Status.VALID: "Valid",
    Status.EXPIRED: "Expired, not yet re-evaluated",
    Status.REVOKED: "Revoked",
    Status.NOT_RECOGNISED: "Not yet recognised",
}

# One decision's own standing in a product's history (ocop.domain.status on that decision).
DECISION_STATE = {
    "vi": {
        Status.VALID: "Đang có hiệu lực",
        Status.EXPIRED: "Đã hết hạn",
        Status.REVOKED: "Đã bị thu hồi",
        Status.NOT_RECOGNISED: "Chưa có hiệu lực",
    },
    "en": {
        Status.VALID: "In force",
        Status.EXPIRED: "Ran out",
        Status.REVOKED: "Revoked",
        Status.NOT_RECOGNISED: "Not yet in force",
    },
}

TEXTS = {
    "vi": {
        "home_title": "Sản phẩm OCOP tính đến ngày {day}",
        "day_label": "Xem số liệu tại ngày",
        "day_hint": "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 31/12/2025.",
        "show": "Xem",
        "search_label": "Tìm sản phẩm OCOP",
        "search_hint": "Gõ tên sản phẩm, chủ thể hoặc xã, có dấu hay không dấu đều được.",
        "search": "Tìm",
        "featured": "Sản phẩm 4 sao và 5 sao",
        "newest": "Mới được công nhận",
        "by_commune": "Sản phẩm còn hiệu lực theo xã, phường",
        "by_group": "Theo bộ sản phẩm",
        "by_stars": "Theo hạng sao",
        "commune": "Xã, phường",
        "count": "Số sản phẩm",
        "group": "Nhóm sản phẩm",
        "producer": "Chủ thể",
        "representative": "Người đại diện",
        "phone": "Điện thoại",
        "email": "Thư điện tử",
        "address": "Địa chỉ",
        "made_in": "Nơi sản xuất",
        "kind": "Loại hình",
        "description": "Giới thiệu",
        "where_to_buy": "Nơi mua",
        "no_shops": "Chưa có nơi bán được đăng ký; hãy liên hệ chủ thể theo số điện thoại ở trên.",
        "history": "Lịch sử công nhận",
        "issuer": "Cơ quan ban hành",
        "valid_until": "Hiệu lực đến hết ngày",
        "revoked_on": "Thu hồi ngày",
        "ground": "Lý do thu hồi",
        "state": "Tình trạng hôm nay",
        "verify_help": "Mã in trên giấy chứng nhận và dưới mã QR trên bao bì.",
        "no_photo": "Chưa có ảnh",
        "products_of": "Sản phẩm OCOP của chủ thể",
        "no_products": "Chưa có sản phẩm OCOP.",
        "status_today": "Tình trạng ngày {day}",
    },
    "en": {
        "home_title": "OCOP products as of {day}",
        "day_label": "Figures on the day",
        "day_hint": "Type the day as day/month/year, e.g. 31/12/2025.",
        "show": "Show",
        "search_label": "Find an OCOP product",
        "search_hint": "Type a product, producer or commune, with or without Vietnamese accents.",
        "search": "Search",
        "featured": "4-star and 5-star products",
        "newest": "Newly recognised",
        "by_commune": "Valid products by commune and ward",
        "by_group": "By product set",
        "by_stars": "By stars",
        "commune": "Commune, ward",
        "count": "Products",
        "group": "Product group",
        "producer": "Producer",
        "representative": "Representative",
        "phone": "Phone",
        "email": "E-mail",
        "address": "Address",
        "made_in": "Made in",
        "kind": "Type",
        "description": "About",
        "where_to_buy": "Where to buy",
        "no_shops": "No shop is registered yet; call the producer at the number above.",
        "history": "Recognition history",
        "issuer": "Issued by",
        "valid_until": "Valid until the end of",
        "revoked_on": "Revoked on",
        "ground": "Ground",
        "state": "Standing today",
        "verify_help": "The code printed on the certificate and under the QR code on the package.",
        "no_photo": "No photo yet",
        "products_of": "OCOP products of this producer",
        "no_products": "No OCOP product yet.",
        "status_today": "Standing on {day}",
    },
}


def words(lang: str, **values) -> dict[str, str]:
    """The page's words with `values` filled in; a text whose value is missing stays as is
    (the template fills those itself, e.g. per row)."""
    return {key: _fill(text, values) for key, text in TEXTS[lang].items()}


def _fill(text: str, values: dict) -> str:
    try:
        return text.format(**values)
    except (KeyError, IndexError):
        return text
