"""The department's texts of the yearly letter, one row per province (OCOP.md §8)."""

from django.db import models

from ocop.registry.models import Province
from ocop.reports.texts import DEFAULTS

LINES_HELP = "Mỗi dòng một mục; văn bản tự thêm gạch đầu dòng."


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
    subject = models.TextField("trích yếu (sau “V/v”)")
    recipients = models.TextField("kính gửi", help_text=LINES_HELP)
    basis = models.TextField("căn cứ (đoạn mở đầu)")
    figures_heading = models.CharField("tiêu đề mục 1 (số liệu)", max_length=300)
    requests_heading = models.CharField("tiêu đề mục 2 (đề nghị)", max_length=300)
    requests = models.TextField("các đề nghị", help_text=LINES_HELP)
    closing = models.TextField("câu kết")
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

    @classmethod
    def for_province(cls, province: Province) -> "LetterTexts":
        """The province's texts, or Lai Châu's defaults (unsaved) until it has its own."""
        return cls.objects.filter(province=province).first() or cls(province=province, **DEFAULTS)
