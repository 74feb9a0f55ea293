"""The department's texts of the yearly letter, one row per province (OCOP.md §8). Every text
is a template: named placeholders ({so_san_pham_con_han}, …) are filled when the letter is built
and checked when the row is saved (ocop.reports.placeholders)."""

import tomllib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models

from ocop.registry.models import Province
from ocop.reports.placeholders import problem

LAI_CHAU = "12"  # the province code whose defaults are the department's real letter
# The default words, Lai Châu's and a neutral letter's: data, not code.
DEFAULTS = tomllib.loads(
    (Path(__file__).parent / "data" / "letter_defaults.toml").read_text(encoding="utf-8")
)


def default_texts(province) -> dict[str, str]:
    """The texts of `province` (anything with code, kind and name) until it saves its own:
    Lai Châu's letter for Lai Châu, a neutral one naming the province for any other."""
    if province.code == LAI_CHAU:
        own = DEFAULTS["lai_chau"]
    else:
        named = {"kind": province.kind or "tỉnh", "name": province.name}
        own = {name: text.format(**named) for name, text in DEFAULTS["neutral"].items()}
    return {**DEFAULTS["all"], **own}


LINES_HELP = "Mỗi dòng một mục; văn bản tự thêm gạch đầu dòng."
PARAGRAPHS_HELP = "Mỗi dòng một đoạn."
PLACEHOLDERS_HELP = (
    "Chỗ điền số liệu, ngày: ví dụ {so_san_pham_con_han}; danh sách ở phần “Nội dung”."
)
NUMBERED_HELP = "Văn bản tự đánh số thứ tự (1., 2., …) trước mục này."


class LetterTexts(models.Model):
    province = models.OneToOneField(
        Province, verbose_name="tỉnh", on_delete=models.CASCADE, related_name="letter_texts"
    )
    parent_body = models.CharField(
        "cơ quan chủ quản", max_length=200, help_text="In hoa ở góc trái, ví dụ UBND tỉnh Lai Châu."
    )
    issuing_body = models.CharField("cơ quan ban hành", max_length=200)
    symbol = models.CharField(
        "ký hiệu văn bản", max_length=100, help_text="Phần sau dấu “/” của số văn bản."
    )
    place = models.CharField("địa danh", max_length=100)
    subject = models.TextField("trích yếu (sau “V/v”)", help_text=PLACEHOLDERS_HELP)
    recipients = models.TextField("kính gửi", help_text=LINES_HELP)
    opening = models.TextField(
        "đoạn mở đầu (căn cứ, mục đích)", help_text=f"{PARAGRAPHS_HELP} {PLACEHOLDERS_HELP}"
    )
    valid_item = models.TextField(
        "mục sản phẩm còn thời hạn", help_text=f"{NUMBERED_HELP} {PLACEHOLDERS_HELP}"
    )
    expired_item = models.TextField(
        "mục sản phẩm hết thời hạn", help_text=f"{NUMBERED_HELP} {PLACEHOLDERS_HELP}"
    )
    revoked_item = models.TextField(
        "mục sản phẩm bị thu hồi",
        help_text=f"Chỉ in khi có sản phẩm bị thu hồi tại ngày tính. {NUMBERED_HELP}",
    )
    attachment_note = models.TextField(
        "dòng danh sách kèm theo", blank=True, help_text="In sau các mục số liệu."
    )
    requests = models.TextField(
        "mục đề nghị",
        help_text=f"{PARAGRAPHS_HELP} Văn bản tự đánh số đoạn đầu. {PLACEHOLDERS_HELP}",
    )
    closing = models.TextField("các đoạn kết", help_text=f"{PARAGRAPHS_HELP} {PLACEHOLDERS_HELP}")
    distribution = models.TextField("nơi nhận", help_text=LINES_HELP)
    signer_authority = models.CharField(
        "thẩm quyền ký", max_length=100, blank=True, help_text="Ví dụ KT. GIÁM ĐỐC"
    )
    signer_title = models.CharField("chức vụ người ký", max_length=100)
    signer_name = models.CharField(
        "họ tên người ký", max_length=100, blank=True, help_text="Để trống để văn thư ghi tay."
    )
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "nội dung công văn hằng năm"
        verbose_name_plural = "nội dung công văn hằng năm"

    def __str__(self) -> str:
        return f"Công văn OCOP của {self.issuing_body} ({self.province})"

    def clean(self):
        errors = {
            name: message for name in TEMPLATE_FIELDS if (message := problem(getattr(self, name)))
        }
        if errors:
            raise ValidationError(errors)

    @classmethod
    def for_province(cls, province: Province) -> "LetterTexts":
        """The province's texts, or its defaults (unsaved) until it has its own: Lai Châu's
        letter for Lai Châu, a neutral one naming the province for any other."""
        return cls.objects.filter(province=province).first() or cls(
            province=province, **default_texts(province)
        )


TEMPLATE_FIELDS = [
    field.name
    for field in LetterTexts._meta.fields
    if isinstance(field, models.CharField | models.TextField)
]
