"""The trace of every import: who, when, which file (name and checksum), what it did."""

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    """One file of one run of the importer (a run over three files leaves three rows)."""

    class Status(models.TextChoices):
        APPLIED = "applied", "đã ghi vào sổ"
        DRY_RUN = "dry_run", "chạy thử, không ghi"
        REFUSED = "refused", "bị từ chối vì có lỗi"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_runs",
    )
    # Who ran it when no account is named: the command line's system login and machine.
    operator = models.CharField("người thực hiện", max_length=200, blank=True)
    started_at = models.DateTimeField("bắt đầu")
    finished_at = models.DateTimeField("kết thúc")
    file_name = models.CharField("tệp", max_length=500)
    sha256 = models.CharField("SHA-256", max_length=64)
    dry_run = models.BooleanField("chạy thử", default=False)
    status = models.CharField("kết quả", max_length=10, choices=Status)
    counts = models.JSONField("số liệu", default=dict)
    warnings_count = models.PositiveIntegerField("cảnh báo", default=0)
    errors_count = models.PositiveIntegerField("lỗi", default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = "lần nhập danh sách"
        verbose_name_plural = "lần nhập danh sách"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
