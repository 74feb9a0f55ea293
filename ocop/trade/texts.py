"""The words of the public inquiry form (/hoi-mua/<product>/) and of the product page's
"buy" and "fairs" sections, Vietnamese first and English second. `{per_hour}` is the setting
OCOP_INQUIRY_PER_HOUR, filled in when the page is drawn (ocop.trade.inquiry_form.words)."""

WORDS = {
    "vi": {
        "title": "Hỏi mua sản phẩm",
        "intro": (
            "Gửi nhu cầu mua của bạn: yêu cầu được chuyển tới chủ thể sản xuất và cán bộ "
            "xã/phường nơi sản xuất để liên hệ lại với bạn."
        ),
        "product": "Sản phẩm",
        "producer": "Chủ thể",
        "quantity": "Số lượng cần mua",
        "quantity_help": "Ví dụ 500 hoặc 1,5.",
        "quantity_unit": "Đơn vị tính",
        "quantity_unit_help": "Ví dụ kg, hộp, chai, tấn.",
        "place": "Nơi nhận hàng",
        "place_help": "Tỉnh/thành phố, xã/phường hoặc địa chỉ giao hàng.",
        "name": "Họ và tên người liên hệ",
        "organisation": "Đơn vị, cửa hàng (nếu có)",
        "phone": "Số điện thoại",
        "email": "Thư điện tử",
        "contact_help": "Cần ít nhất số điện thoại hoặc thư điện tử để được trả lời.",
        "message": "Lời nhắn (không bắt buộc)",
        "message_help": "Thời gian cần hàng, quy cách đóng gói, câu hỏi cho chủ thể.",
        "privacy": (
            "Thông tin liên hệ của bạn chỉ được gửi cho chủ thể và cán bộ phụ trách, "
            "không công khai."
        ),
        "trap": "Không điền vào ô này",
        "required": "(bắt buộc)",
        "submit": "Gửi nhu cầu mua",
        "errors": "Chưa gửi được. Vui lòng sửa các mục dưới đây.",
        "missing": "Vui lòng nhập {field}.",
        "too_long": "{field} dài quá {n} ký tự.",
        "bad_quantity": "Số lượng phải là một số lớn hơn 0, ví dụ 500 hoặc 1,5.",
        "bad_phone": "Số điện thoại chưa đúng: cần từ 8 đến 15 chữ số.",
        "bad_email": "Thư điện tử chưa đúng, ví dụ ten@example.com.",
        "no_contact": "Vui lòng nhập số điện thoại hoặc thư điện tử để được trả lời.",
        "trap_filled": "Không gửi được: yêu cầu có dấu hiệu gửi tự động.",
        "too_many": (
            "Bạn đã gửi {per_hour} yêu cầu trong một giờ qua. Vui lòng thử lại sau một giờ, "
            "hoặc gọi trực tiếp cho chủ thể."
        ),
        "thanks_title": "Đã nhận nhu cầu mua",
        "thanks": (
            "Cảm ơn bạn. Yêu cầu đã được chuyển tới chủ thể và cán bộ xã/phường; họ sẽ liên "
            "hệ với bạn qua số điện thoại hoặc thư điện tử bạn để lại."
        ),
        "reference": "Số tiếp nhận",
        "keep_reference": "Hãy ghi lại số này để dẫn khi liên hệ.",
        "back": "Quay lại trang sản phẩm",
        # The product page's sections.
        "ask_title": "Hỏi mua",
        "ask_text": "Bạn là nhà phân phối, cửa hàng hay người mua số lượng lớn?",
        "ask_link": "Gửi nhu cầu mua sản phẩm này",
        "fairs_title": "Hội chợ, triển lãm",
        "fairs_upcoming": "Sắp diễn ra",
        "fairs_recent": "Đã diễn ra gần đây",
    },
    "en": {
        "title": "Ask to buy a product",
        "intro": (
            "Send your request: it goes to the producer and to the officer of the commune "
            "where the product is made, who will contact you."
        ),
        "product": "Product",
        "producer": "Producer",
        "quantity": "Quantity wanted",
        "quantity_help": "For example 500 or 1.5.",
        "quantity_unit": "Unit",
        "quantity_unit_help": "For example kg, boxes, bottles, tonnes.",
        "place": "Place of delivery",
        "place_help": "Province or city, commune or delivery address.",
        "name": "Contact name",
        "organisation": "Company or shop (if any)",
        "phone": "Phone number",
        "email": "E-mail",
        "contact_help": "A phone number or an e-mail is needed to answer you.",
        "message": "Message (optional)",
        "message_help": "When you need the goods, packaging, questions for the producer.",
        "privacy": (
            "Your contact details are sent only to the producer and the officers in charge, "
            "never published."
        ),
        "trap": "Leave this field empty",
        "required": "(required)",
        "submit": "Send the request",
        "errors": "The request was not sent. Please correct the fields below.",
        "missing": "Please fill in: {field}.",
        "too_long": "{field} is longer than {n} characters.",
        "bad_quantity": "The quantity must be a number above 0, for example 500 or 1.5.",
        "bad_phone": "The phone number is not right: it needs 8 to 15 digits.",
        "bad_email": "The e-mail address is not right, for example name@example.com.",
        "no_contact": "Please give a phone number or an e-mail so that you can be answered.",
        "trap_filled": "Not sent: the request looks automated.",
        "too_many": (
            "You have sent {per_hour} requests in the last hour. Please try again in an hour, "
            "or call the producer directly."
        ),
        "thanks_title": "Request received",
        "thanks": (
            "Thank you. Your request has been passed to the producer and the commune officer; "
            "they will contact you by the phone number or e-mail you gave."
        ),
        "reference": "Reference number",
        "keep_reference": "Please note this number and quote it when you get in touch.",
        "back": "Back to the product page",
        "ask_title": "Ask to buy",
        "ask_text": "Are you a distributor, a shop or buying in quantity?",
        "ask_link": "Send a request to buy this product",
        "fairs_title": "Trade fairs and exhibitions",
        "fairs_upcoming": "Coming up",
        "fairs_recent": "Recently held",
    },
}
