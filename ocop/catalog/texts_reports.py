"""The words of the misuse report form (/phan-anh/), Vietnamese first and English second.
`{per_hour}` and `{max_mb}` are the limits of the settings OCOP_MISUSE_PER_HOUR and
OCOP_MISUSE_PHOTO_MAX_MB, filled in when the page is drawn (ocop.catalog.misuse_form.words)."""

WORDS = {
    "vi": {
        "title": "Phản ánh sản phẩm dùng nhãn OCOP sai",
        "intro": (
            "Bạn thấy một sản phẩm in hoặc dán nhãn OCOP nhưng không còn được công nhận, hoặc "
            "chưa từng được công nhận? Hãy gửi ảnh chụp và nơi bạn thấy sản phẩm. Sở sẽ xem "
            "xét và xử lý theo quy định."
        ),
        "check_first": "Bạn có thể kiểm tra mã trên sản phẩm trước tại trang Kiểm tra sản phẩm.",
        "product": "Tên sản phẩm (nếu biết)",
        "code": "Mã in dưới mã QR (nếu có)",
        "code_help": "8 ký tự, ví dụ H7KQ-3MXP.",
        "place": "Nơi bạn thấy sản phẩm",
        "place_help": "Tên cửa hàng, chợ hoặc trang bán hàng, kèm địa chỉ.",
        "description": "Nội dung phản ánh",
        "description_help": "Mô tả những gì bạn thấy: nhãn, bao bì, ngày thấy.",
        "photo": "Ảnh chụp sản phẩm",
        "photo_help": (
            "Ảnh JPEG, PNG hoặc WebP, tối đa {max_mb} MB. Thông tin vị trí (GPS) trong "
            "ảnh được xoá trước khi lưu."
        ),
        "contact": "Số điện thoại hoặc thư điện tử của bạn (không bắt buộc)",
        "contact_help": "Chỉ để Sở liên hệ hỏi thêm khi cần; không công khai.",
        "trap": "Không điền vào ô này",
        "required": "(bắt buộc)",
        "submit": "Gửi phản ánh",
        "errors": "Chưa gửi được phản ánh. Vui lòng sửa các mục dưới đây.",
        "thanks_title": "Đã nhận phản ánh",
        "thanks": "Cảm ơn bạn đã phản ánh. Sở đã nhận và sẽ xem xét.",
        "reference": "Số tiếp nhận",
        "keep_reference": "Hãy ghi lại số này để dẫn khi liên hệ với Sở.",
        "another": "Gửi phản ánh khác",
        "missing": "Vui lòng nhập {field}.",
        "too_long": "{field} dài quá {n} ký tự.",
        "no_photo": "Vui lòng chọn ảnh chụp sản phẩm.",
        "trap_filled": "Không gửi được: phản ánh có dấu hiệu gửi tự động.",
        "too_many": (
            "Bạn đã gửi {per_hour} phản ánh trong một giờ qua. Vui lòng thử lại sau "
            "một giờ, hoặc gọi điện cho Sở nếu việc gấp."
        ),
    },
    "en": {
        "title": "Report misuse of the OCOP mark",
        "intro": (
            "Have you seen a product carrying the OCOP mark although it is no longer, or never "
            "was, recognised? Send a photo and where you saw it. The department will look into it."
        ),
        "check_first": "You can check the code on the product first on the product check page.",
        "product": "Product name (if known)",
        "code": "Code printed under the QR code (if any)",
        "code_help": "8 characters, e.g. H7KQ-3MXP.",
        "place": "Where you saw the product",
        "place_help": "Name of the shop, market or web shop, with its address.",
        "description": "What you saw",
        "description_help": "Describe the label, the package and when you saw it.",
        "photo": "Photo of the product",
        "photo_help": (
            "JPEG, PNG or WebP, at most {max_mb} MB. Location data (GPS) in the photo is "
            "removed before it is stored."
        ),
        "contact": "Your phone number or e-mail (optional)",
        "contact_help": "Only for the department to ask you more if needed; never published.",
        "trap": "Leave this field empty",
        "required": "(required)",
        "submit": "Send the report",
        "errors": "The report was not sent. Please correct the fields below.",
        "thanks_title": "Report received",
        "thanks": (
            "Thank you for your report. The department has received it and will look into it."
        ),
        "reference": "Reference number",
        "keep_reference": "Please note this number and quote it when you contact the department.",
        "another": "Send another report",
        "missing": "Please fill in: {field}.",
        "too_long": "{field} is longer than {n} characters.",
        "no_photo": "Please choose a photo of the product.",
        "trap_filled": "Not sent: the report looks automated.",
        "too_many": (
            "You have sent {per_hour} reports in the last hour. Please try again in an "
            "hour, or phone the department if it is urgent."
        ),
    },
}
