"""The words of the verification pages, Vietnamese first and English second. The rest of the
site speaks Vietnamese only, so these few pages carry their own two columns rather than a
translation catalog; the verdict sentences themselves come from ocop.domain.verdict."""

TEXTS = {
    "vi": {
        "site": "Sản phẩm OCOP Lai Châu",
        "org": "Sở Nông nghiệp và Môi trường tỉnh Lai Châu",
        "check_title": "Kiểm tra sản phẩm OCOP",
        "check_intro": (
            "Nhập mã in trên giấy chứng nhận hoặc dưới mã QR (8 ký tự, ví dụ H7KQ-3MXP), "
            "hoặc tên sản phẩm."
        ),
        "query_label": "Mã hoặc tên sản phẩm",
        "submit": "Kiểm tra",
        "results": "Kết quả cho “{q}”",
        "no_results": "Không tìm thấy sản phẩm hay mã nào khớp với “{q}”.",
        "more_results": "Chỉ hiện {n} kết quả đầu; hãy nhập thêm chữ để thu hẹp.",
        "verdict_label": "Kết quả kiểm tra",
        "checked_on": "Tình trạng tại ngày {day}",
        "code": "Mã",
        "product": "Sản phẩm",
        "producer": "Chủ thể",
        "place": "Địa chỉ",
        "stars": "Hạng sao",
        "decision": "Quyết định công nhận",
        "issuer": "Cơ quan ban hành",
        "no_photo": "Chưa có ảnh sản phẩm",
        "compare": (
            "Hãy so tên sản phẩm, chủ thể và hạng sao ở trên với bao bì: nếu khác nhau, mã QR có "
            "thể đã bị sao chép sang sản phẩm khác."
        ),
        "not_found_help": (
            "Không có giấy chứng nhận OCOP nào mang mã “{code}”. Hãy kiểm tra lại các ký tự; mã "
            "không dùng các chữ O, I, L, U và các số 0, 1."
        ),
        "labels_link": "In nhãn mã QR",
        "qr_alt": "Mã QR dẫn đến trang kiểm tra mã {code}",
        "other_language": "English",
        "check_another": "Kiểm tra sản phẩm khác",
        "labels_title": "Nhãn mã QR",
        "labels_help": (
            "Trang A4 gồm {n} nhãn. Dùng lệnh In của trình duyệt (Ctrl+P), khổ A4, tỉ lệ 100%."
        ),
        "labels_not_valid": (
            "Lưu ý: sản phẩm hiện không còn hiệu lực; chỉ được in dấu OCOP khi còn hiệu lực."
        ),
        "scan": "Quét để kiểm tra",
        "back": "Về trang kiểm tra mã",
        "footer": "Chương trình mỗi xã một sản phẩm (OCOP)",
    },
    "en": {
        "site": "OCOP products of Lai Chau",
        "org": "Department of Agriculture and Environment of Lai Chau province",
        "check_title": "Check an OCOP product",
        "check_intro": (
            "Type the code printed on the certificate or under the QR code (8 characters, "
            "e.g. H7KQ-3MXP), or the product's name."
        ),
        "query_label": "Code or product name",
        "submit": "Check",
        "results": "Results for “{q}”",
        "no_results": "No product or code matches “{q}”.",
        "more_results": "Only the first {n} results are shown; type more to narrow them.",
        "verdict_label": "Result",
        "checked_on": "Standing on {day}",
        "code": "Code",
        "product": "Product",
        "producer": "Producer",
        "place": "Address",
        "stars": "Rating",
        "decision": "Recognition decision",
        "issuer": "Issued by",
        "no_photo": "No product photo yet",
        "compare": (
            "Compare the product, producer and stars above with the package: if they differ, "
            "the QR code may have been copied onto another product."
        ),
        "not_found_help": (
            "No OCOP certificate has the code “{code}”. Check the characters; codes never use "
            "the letters O, I, L, U or the digits 0 and 1."
        ),
        "labels_link": "Print QR labels",
        "qr_alt": "QR code leading to the check of code {code}",
        "other_language": "Tiếng Việt",
        "check_another": "Check another product",
        "labels_title": "QR labels",
        "labels_help": (
            "An A4 page of {n} labels. Use the browser's Print command (Ctrl+P), A4, scale 100%."
        ),
        "labels_not_valid": (
            "Note: this product is not valid today; the OCOP mark may only be printed while it is."
        ),
        "scan": "Scan to check",
        "back": "Back to the code check",
        "footer": "One Commune One Product programme (OCOP)",
    },
}
