"""The letter's texts become templates with placeholders, worded by default as the
department's letter of January 2026 (issue 8). A row keeps every text the department changed
(its braces doubled, so that they print as typed); a text still equal to the old default takes
the province's new default, and the new items start from it."""

from django.db import migrations, models

# The defaults of the code this migration shipped with (then ocop/reports/texts.py): Lai Châu's
# letter, a neutral one elsewhere. Frozen here, as a migration must not follow later code.
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



# The defaults before this migration (ocop/reports/texts.py), "basis" now being "opening".
OLD_DEFAULTS = {
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
    "opening": (
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

NEW_FIELDS = ["valid_item", "expired_item", "revoked_item", "attachment_note"]


def to_templates(apps, schema_editor):
    LetterTexts = apps.get_model("reports", "LetterTexts")
    for row in LetterTexts.objects.select_related("province"):
        for name, default in default_texts(row.province).items():
            value = getattr(row, name)
            if name in NEW_FIELDS or value == OLD_DEFAULTS.get(name):
                setattr(row, name, default)
            else:
                setattr(row, name, value.replace("{", "{{").replace("}", "}}"))
        row.save()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [
        migrations.RenameField("lettertexts", "basis", "opening"),
        *(
            migrations.AddField(
                "lettertexts", name, models.TextField(default=""), preserve_default=False
            )
            for name in NEW_FIELDS
        ),
        migrations.RunPython(to_templates, migrations.RunPython.noop),
        migrations.RemoveField("lettertexts", "figures_heading"),
        migrations.RemoveField("lettertexts", "requests_heading"),
        migrations.AlterField(
            model_name="lettertexts",
            name="attachment_note",
            field=models.TextField(
                blank=True,
                help_text="In sau các mục số liệu.",
                verbose_name="dòng danh sách kèm theo",
            ),
        ),
        migrations.AlterField(
            model_name="lettertexts",
            name="closing",
            field=models.TextField(
                help_text="Mỗi dòng một đoạn. Chỗ điền số liệu, ngày: ví dụ {so_san_pham_con_han}; danh sách ở phần “Nội dung”.",
                verbose_name="các đoạn kết",
            ),
        ),
        migrations.AlterField(
            model_name="lettertexts",
            name="expired_item",
            field=models.TextField(
                help_text="Văn bản tự đánh số thứ tự (1., 2., …) trước mục này. Chỗ điền số liệu, ngày: ví dụ {so_san_pham_con_han}; danh sách ở phần “Nội dung”.",
                verbose_name="mục sản phẩm hết thời hạn",
            ),
        ),
        migrations.AlterField(
            model_name="lettertexts",
            name="opening",
            field=models.TextField(
                help_text="Mỗi dòng một đoạn. Chỗ điền số liệu, ngày: ví dụ {so_san_pham_con_han}; danh sách ở phần “Nội dung”.",
                verbose_name="đoạn mở đầu (căn cứ, mục đích)",
            ),
        ),
        migrations.AlterField(
            model_name="lettertexts",
            name="requests",
            field=models.TextField(
                help_text="Mỗi dòng một đoạn. Văn bản tự đánh số đoạn đầu. Chỗ điền số liệu, ngày: ví dụ {so_san_pham_con_han}; danh sách ở phần “Nội dung”.",
                verbose_name="mục đề nghị",
            ),
        ),
        migrations.AlterField(
            model_name="lettertexts",
            name="revoked_item",
            field=models.TextField(
                help_text="Chỉ in khi có sản phẩm bị thu hồi tại ngày tính. Văn bản tự đánh số thứ tự (1., 2., …) trước mục này.",
                verbose_name="mục sản phẩm bị thu hồi",
            ),
        ),
        migrations.AlterField(
            model_name="lettertexts",
            name="subject",
            field=models.TextField(
                help_text="Chỗ điền số liệu, ngày: ví dụ {so_san_pham_con_han}; danh sách ở phần “Nội dung”.",
                verbose_name="trích yếu (sau “V/v”)",
            ),
        ),
        migrations.AlterField(
            model_name="lettertexts",
            name="valid_item",
            field=models.TextField(
                help_text="Văn bản tự đánh số thứ tự (1., 2., …) trước mục này. Chỗ điền số liệu, ngày: ví dụ {so_san_pham_con_han}; danh sách ở phần “Nội dung”.",
                verbose_name="mục sản phẩm còn thời hạn",
            ),
        ),
    ]
