"""The words of the statistics page (/thong-ke/), Vietnamese first and English second, as in
ocop.catalog.texts (whose header and footer words these pages share)."""

TITLES = {
    "vi": {
        "hang-sao": "Sản phẩm còn hiệu lực theo hạng sao",
        "xa-phuong": "Sản phẩm còn hiệu lực theo xã, phường",
        "nhom": "Sản phẩm còn hiệu lực theo nhóm sản phẩm",
        "cong-nhan-theo-nam": "Số lượt công nhận theo năm",
        "het-han-theo-thang": "Sản phẩm sẽ hết thời hạn công nhận trong 12 tháng tới",
    },
    "en": {
        "hang-sao": "Valid products by star rating",
        "xa-phuong": "Valid products by commune or ward",
        "nhom": "Valid products by product group",
        "cong-nhan-theo-nam": "Recognitions per year",
        "het-han-theo-thang": "Products whose recognition ends in the next 12 months",
    },
}

WORDS = {
    "vi": {
        "title": "Thống kê sản phẩm OCOP",
        "as_of": "Số liệu tính đến ngày {day}",
        "day_label": "Xem số liệu tại ngày",
        "day_hint": "dd/mm/yyyy",
        "show": "Xem",
        "contents": "Các biểu đồ",
        "table": "Bảng số liệu",
        "csv": "Tải bảng (CSV)",
        "chart_label": "Biểu đồ cột: {title}. Số liệu đầy đủ ở bảng bên dưới.",
        "no_data": "Chưa có số liệu.",
        "stars": "Hạng sao",
        "n_stars": "{n} sao",
        "valid_products": "Số sản phẩm còn hiệu lực",
        "commune": "Xã, phường",
        "group": "Nhóm sản phẩm",
        "unknown": "Chưa xác định",
        "lang": "vi",
        "year": "Năm",
        "total": "Tổng",
        "month": "Tháng",
        "expiring": "Số sản phẩm hết thời hạn",
        "note": (
            "Mỗi lượt công nhận là một quyết định (một sản phẩm được đánh giá lại được tính "
            "thêm một lượt). Thời hạn công nhận tính theo các quyết định đã ký đến ngày xem."
        ),
    },
    "en": {
        "title": "OCOP statistics",
        "as_of": "Figures on {day}",
        "day_label": "Show the figures on",
        "day_hint": "dd/mm/yyyy",
        "show": "Show",
        "contents": "Charts",
        "table": "Table of figures",
        "csv": "Download the table (CSV)",
        "chart_label": "Bar chart: {title}. The full figures are in the table below.",
        "no_data": "No figures yet.",
        "stars": "Rating",
        "n_stars": "{n} stars",
        "valid_products": "Valid products",
        "commune": "Commune or ward",
        "group": "Product group",
        "unknown": "Not known",
        "lang": "en",
        "year": "Year",
        "total": "Total",
        "month": "Month",
        "expiring": "Products whose recognition ends",
        "note": (
            "Each recognition is one decision (a product re-evaluated counts once more). "
            "Recognition periods follow the decisions signed by the day shown."
        ),
    },
}
