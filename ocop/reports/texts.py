"""The department's own words in the yearly letter (OCOP.md §8), with Lai Châu's as the default.

Each province edits its texts in the back office (model LetterTexts, one row per province);
until it does, these defaults are used. Lists are one item per line; the letter adds the dashes
and the numbering. The figures are never here: they come from the registry."""

DEFAULTS = {
    "parent_body": "UBND tỉnh Lai Châu",
    "issuing_body": "Sở Nông nghiệp và Môi trường",
    "symbol": "SNNMT-PTNT&QLCL",
    "place": "Lai Châu",
    "subject": (
        "tăng cường quản lý, phát triển sản phẩm OCOP và công khai danh sách "
        "sản phẩm OCOP trên địa bàn tỉnh"
    ),
    "recipients": "\n".join(
        [
            "Các sở, ban, ngành tỉnh;",
            "Ủy ban nhân dân các xã, phường;",
            "Báo và Phát thanh, Truyền hình Lai Châu;",
            "Cổng thông tin điện tử tỉnh.",
        ]
    ),
    "basis": (
        "Thực hiện Kế hoạch số 3858/KH-UBND ngày 14/10/2022 và Kế hoạch số 4552/KH-UBND ngày "
        "12/8/2025 của Ủy ban nhân dân tỉnh Lai Châu về thực hiện Chương trình mỗi xã một sản "
        "phẩm (OCOP) trên địa bàn tỉnh, Sở Nông nghiệp và Môi trường thông tin kết quả công "
        "nhận sản phẩm OCOP và đề nghị các cơ quan, đơn vị như sau:"
    ),
    "figures_heading": "Kết quả công nhận sản phẩm OCOP",
    "requests_heading": "Đề nghị các cơ quan, đơn vị phối hợp thực hiện một số nội dung sau:",
    "requests": "\n".join(
        [
            "Ủy ban nhân dân các xã, phường: tăng cường quản lý chất lượng sản phẩm OCOP trên "
            "địa bàn; hướng dẫn, đôn đốc các chủ thể duy trì, nâng cao chất lượng sản phẩm và "
            "sử dụng nhãn, biểu trưng OCOP đúng quy định.",
            "Các sở, ban, ngành tỉnh theo chức năng, nhiệm vụ: tăng cường kiểm tra, giám sát "
            "việc sử dụng biểu trưng OCOP và chất lượng sản phẩm sau công nhận; kịp thời phát "
            "hiện, đề nghị cấp có thẩm quyền thu hồi quyết định công nhận đối với sản phẩm vi "
            "phạm.",
            "Các cơ quan, đơn vị liên quan: đẩy mạnh xúc tiến thương mại, quảng bá, kết nối cung "
            "cầu cho sản phẩm OCOP; hỗ trợ đưa sản phẩm OCOP vào hệ thống phân phối và sàn "
            "thương mại điện tử.",
            "Ủy ban nhân dân các xã, phường: rà soát, hướng dẫn các chủ thể có sản phẩm đã hết "
            "thời hạn công nhận (Phụ lục II) hoàn thiện hồ sơ đánh giá, phân hạng lại; hướng dẫn "
            "các chủ thể có sản phẩm tiềm năng tham gia Chương trình OCOP.",
            "Báo và Phát thanh, Truyền hình Lai Châu, Cổng thông tin điện tử tỉnh: đăng tải danh "
            "sách sản phẩm OCOP kèm theo để tổ chức, cá nhân và người tiêu dùng biết, lựa chọn "
            "và giám sát.",
        ]
    ),
    "closing": (
        "Sở Nông nghiệp và Môi trường đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./."
    ),
    "distribution": "\n".join(
        [
            "Như trên;",
            "UBND tỉnh (b/c);",
            "Lãnh đạo Sở;",
            "Lưu: VT, PTNT&QLCL.",
        ]
    ),
    "signer_authority": "KT. GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
    # The name of whoever signs changes; the clerk types it or the department sets it once.
    "signer_name": "",
}


def lines(text: str) -> list[str]:
    """The items of a one-per-line text, without the dashes someone may have typed."""
    items = (line.strip().removeprefix("-").removeprefix("–").strip() for line in text.splitlines())
    return [item for item in items if item]
