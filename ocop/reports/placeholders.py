"""The named placeholders the letter's texts may hold ("{so_san_pham_con_han}"): a fixed set,
checked when the department saves its texts and filled with str.format_map when the letter is
built. docs/reports.md lists them (tests/test_letter_templates.py checks it does)."""

from string import Formatter

PLACEHOLDERS = {  # what each holds; the editor shows beside it the registry's value today
    "tinh": "tên tỉnh",
    "co_quan": "cơ quan ban hành",
    "ngay_bao_cao": "ngày tính số liệu",
    "thang_ban_hanh": "tháng ban hành công văn",
    "nam_ban_hanh": "năm ban hành công văn",
    "so_san_pham_con_han": "số sản phẩm còn thời hạn",
    "cac_hang_sao": "số sản phẩm theo hạng sao, hạng cao trước, bỏ hạng không có sản phẩm",
    "so_5_sao": "số sản phẩm còn thời hạn đạt hạng 5 sao",
    "so_4_sao": "số sản phẩm còn thời hạn đạt hạng 4 sao",
    "so_3_sao": "số sản phẩm còn thời hạn đạt hạng 3 sao",
    "so_chu_the": "số chủ thể có sản phẩm còn thời hạn",
    "so_xa_phuong": "số xã, phường có sản phẩm còn thời hạn",
    "so_san_pham_het_han": "số sản phẩm hết thời hạn, chưa đánh giá lại",
    "so_san_pham_bi_thu_hoi": "số sản phẩm bị thu hồi",
}
BRACES_HINT = "muốn in dấu ngoặc nhọn thì gõ hai lần: {{ hoặc }}"


def problem(text: str) -> str | None:
    """Why `text` is not a template the letter can fill, in Vietnamese; None when it is."""
    try:
        fields = [
            (name, spec, conv)
            for _, name, spec, conv in Formatter().parse(text)
            if name is not None
        ]
    except ValueError:
        return f"Dấu ngoặc nhọn không khớp ({BRACES_HINT})."
    for name, spec, conversion in fields:
        if name not in PLACEHOLDERS:
            return (
                f"Không có chỗ điền {{{name}}}; các chỗ điền được dùng: "
                f"{', '.join('{' + known + '}' for known in PLACEHOLDERS)} ({BRACES_HINT})."
            )
        if spec or conversion:
            return f"Chỗ điền {{{name}}} chỉ được viết đúng tên, không kèm định dạng."
    return None


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its placeholders replaced; `values` holds every name of PLACEHOLDERS."""
    return text.format_map(values)
