"""The department's own words in the yearly letter (OCOP.md §8): templates with named
placeholders (ocop.reports.placeholders) for the figures and dates.

Lai Châu's defaults are its letter of January 2026 word for word (tests/data/cong-van-2026.md);
another province gets a neutral letter naming its own department and province, never Lai
Châu's plans or signer. Each province edits its texts in the back office (model LetterTexts, one
row per province); until it does, these defaults are used. Lists and paragraphs are one a line;
the letter adds the dashes and the item numbers."""

LAI_CHAU = "12"  # the province code whose defaults are the department's real letter

# Worded alike in every province: the figures as the department words them.
VALID_ITEM = (
    "Số sản phẩm OCOP còn thời hạn: {so_san_pham_con_han} sản phẩm, trong đó "
    "{cac_hang_sao}, của {so_chu_the} chủ thể tại {so_xa_phuong} xã, phường;"
)
EXPIRED_ITEM = (
    "Số sản phẩm OCOP đã hết thời hạn công nhận và chưa thực hiện đánh giá, phân hạng "
    "lại (thời hạn giấy chứng nhận 36 tháng kể từ ngày ban hành quyết định công nhận): "
    "{so_san_pham_het_han} sản phẩm;"
)
REVOKED_ITEM = "Số sản phẩm OCOP bị thu hồi giấy chứng nhận: {so_san_pham_bi_thu_hoi} sản phẩm;"
ATTACHMENT_NOTE = "(Có danh sách sản phẩm chi tiết kèm theo)"
FOLLOW_UP = (
    "Tiếp tục quan tâm hướng dẫn, hỗ trợ các chủ thể có sản phẩm tiềm năng và các chủ "
    "thể có sản phẩm OCOP đã hết thời hạn công nhận trong việc rà soát, hoàn thiện quy "
    "trình sản xuất, hồ sơ tham gia đánh giá, phân hạng lại theo quy định; qua đó góp "
    "phần vận động, khuyến khích các chủ thể tích cực tham gia thực hiện Chương trình "
    "OCOP, bảo đảm đạt hiệu quả cao."
)

REQUESTS = (
    "Căn cứ danh sách các sản phẩm OCOP nêu trên, đề nghị các sở, ngành tỉnh "
    "và Ủy ban nhân dân các xã, phường theo chức năng, nhiệm vụ được giao tiếp "
    "tục tăng cường công tác quản lý chất lượng sản phẩm, theo dõi việc sử "
    "dụng logo, nhãn hiệu chứng nhận OCOP đối với các sản phẩm đã được chứng "
    "nhận, kịp thời phát hiện và kiến nghị cấp có thẩm quyền xử lý và thu hồi "
    "giấy chứng nhận đối với các trường hợp vi phạm; Đồng thời, tăng cường "
    "công tác thông tin, tuyên truyền và xúc tiến thương mại đối với các sản "
    "phẩm OCOP; đẩy mạnh quảng bá, giới thiệu sản phẩm; hỗ trợ kết nối cung – "
    "cầu, mở rộng hệ thống phân phối và thị trường tiêu thụ, qua đó từng bước "
    "nâng cao giá trị, sức cạnh tranh và hiệu quả tiêu thụ các sản phẩm OCOP "
    "trên địa bàn tỉnh."
)


def lai_chau_texts() -> dict[str, str]:
    return {
        "parent_body": "UBND tỉnh Lai Châu",
        "issuing_body": "Sở Nông nghiệp và Môi trường",
        "symbol": "SNNMT-PTNT&QLCL",
        "place": "Lai Châu",
        "subject": "thông tin danh sách sản phẩm OCOP tỉnh {tinh} đến hết ngày {ngay_bao_cao}",
        "recipients": "\n".join(
            [
                "Ủy ban nhân dân tỉnh;",
                "Các sở, ban, ngành tỉnh;",
                "Ủy ban nhân dân các xã, phường;",
                "Báo và Phát thanh, truyền hình tỉnh;",
                "Cổng Thông tin điện tử tỉnh.",
            ]
        ),
        "opening": "\n".join(
            [
                (
                    "Thực hiện Kế hoạch số 3858/KH-UBND ngày 14/10/2022 của Uỷ ban "
                    "nhân dân tỉnh Thực hiện Chương trình mỗi xã một sản phẩm trên địa "
                    "bàn tỉnh Lai Châu giai đoạn 2021-2025 và Kế hoạch số 4552/KH-UBND "
                    "ngày 12/8/2025 của Ủy ban nhân dân tỉnh về Sửa đổi, bổ sung một "
                    "số nội dung tại Kế hoạch thực hiện Chương trình mỗi xã một sản "
                    "phẩm trên địa bàn tỉnh Lai Châu."
                ),
                (
                    "Nhằm phục vụ công tác thông tin, quảng bá, phát triển và quản lý "
                    "các sản phẩm OCOP trên địa bàn tỉnh, {co_quan} thông tin danh "
                    "sách sản phẩm OCOP tỉnh {tinh} đến hết ngày {ngay_bao_cao}, cụ "
                    "thể như sau:"
                ),
            ]
        ),
        "valid_item": VALID_ITEM,
        "expired_item": EXPIRED_ITEM,
        "revoked_item": REVOKED_ITEM,
        "attachment_note": ATTACHMENT_NOTE,
        "requests": REQUESTS,
        "closing": "\n".join(
            [
                FOLLOW_UP,
                (
                    "{co_quan} thông tin danh sách các sản phẩm OCOP trên địa bàn tỉnh "
                    "{tinh} đến hết {ngay_bao_cao} đến các cơ quan, đơn vị, tổ chức, "
                    "cá nhân có liên quan được biết và phối hợp thực hiện./."
                ),
            ]
        ),
        "distribution": "\n".join(
            [
                "Như trên;",
                "Lãnh đạo Sở;",
                "Các phòng, đơn vị trực thuộc Sở;",
                "Trang Thông tin điện tử Sở;",
                "Lưu: VT, PTNT&QLCL.",
            ]
        ),
        "signer_authority": "KT. GIÁM ĐỐC",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signer_name": "Nguyễn Thành Đồng",
    }


def neutral_texts(kind: str, name: str) -> dict[str, str]:
    """The letter of a province without texts of its own: its own department and name, no plan
    numbers, no signer's name (`kind` is "tỉnh" or "thành phố")."""
    return {
        "parent_body": f"UBND {kind} {name}",
        "issuing_body": "Sở Nông nghiệp và Môi trường",
        "symbol": "SNNMT",
        "place": name,
        "subject": (
            f"thông tin danh sách sản phẩm OCOP {kind} {{tinh}} đến hết ngày {{ngay_bao_cao}}"
        ),
        "recipients": "\n".join(
            [
                f"Ủy ban nhân dân {kind};",
                f"Các sở, ban, ngành {kind};",
                "Ủy ban nhân dân các xã, phường.",
            ]
        ),
        "opening": (
            f"Thực hiện Chương trình mỗi xã một sản phẩm (OCOP) trên địa bàn {kind} {{tinh}}, "
            f"{{co_quan}} thông tin danh sách sản phẩm OCOP {kind} {{tinh}} đến hết ngày "
            "{ngay_bao_cao}, cụ thể như sau:"
        ),
        "valid_item": VALID_ITEM,
        "expired_item": EXPIRED_ITEM,
        "revoked_item": REVOKED_ITEM,
        "attachment_note": ATTACHMENT_NOTE,
        "requests": REQUESTS.replace(" tỉnh", f" {kind}"),
        "closing": "\n".join(
            [
                FOLLOW_UP,
                f"{{co_quan}} thông tin danh sách các sản phẩm OCOP trên địa bàn {kind} {{tinh}} "
                "đến hết {ngay_bao_cao} đến các cơ quan, đơn vị, tổ chức, cá nhân có liên quan "
                "được biết và phối hợp thực hiện./.",
            ]
        ),
        "distribution": "\n".join(["Như trên;", "Lãnh đạo Sở;", "Lưu: VT."]),
        "signer_authority": "",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "",
    }


def default_texts(province) -> dict[str, str]:
    """The texts of `province` (anything with code, kind and name) until it saves its own."""
    if province.code == LAI_CHAU:
        return lai_chau_texts()
    return neutral_texts(province.kind or "tỉnh", province.name)


def lines(text: str) -> list[str]:
    """The items of a one-per-line text, without the dashes someone may have typed."""
    items = (line.strip().removeprefix("-").removeprefix("–").strip() for line in text.splitlines())
    return [item for item in items if item]


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a one-per-line text, blank lines left out."""
    return [line.strip() for line in text.splitlines() if line.strip()]
