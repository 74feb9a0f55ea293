"""What the data-quality desk remembers: pairs a person said are different (so they are not
offered again) and every merge, with all it takes to undo it."""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    PRODUCER = "producer", "chủ thể"
    PRODUCT = "product", "sản phẩm"


class DistinctPair(models.Model):
    """Two producers (or two products) with look-alike names that an officer confirmed are
    different. Plain ids, not foreign keys: a later merge of either must not move or delete
    this row, and the ids are never reused."""

    kind = models.CharField("loại", max_length=10, choices=Kind)
    first_id = models.BigIntegerField()
    second_id = models.BigIntegerField()
    province = models.ForeignKey(
        "registry.Province", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xác nhận",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "cặp đã xác nhận là khác nhau"
        verbose_name_plural = "cặp đã xác nhận là khác nhau"
        constraints = [
            models.UniqueConstraint(fields=["kind", "first_id", "second_id"], name="distinct_pair"),
            models.CheckConstraint(
                condition=models.Q(first_id__lt=models.F("second_id")), name="distinct_pair_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.first_id} ≠ {self.second_id}"


class MergeRecord(models.Model):
    """One merge: `removed_id` folded into `kept_id`. `data` holds the removed rows' field
    values and every row moved (model, id, field, former value), which is what undo replays."""

    kind = models.CharField("loại", max_length=10, choices=Kind)
    kept_id = models.BigIntegerField("giữ lại")
    removed_id = models.BigIntegerField("gộp vào và xóa")
    kept_name = models.CharField("tên bản giữ lại", max_length=300)
    removed_name = models.CharField("tên bản đã gộp", max_length=300)
    province = models.ForeignKey(
        "registry.Province", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    data = models.JSONField("dữ liệu để hoàn tác")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gộp",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_at = models.DateTimeField("thời điểm gộp", auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người hoàn tác",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField("thời điểm hoàn tác", null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]
        verbose_name = "lần gộp bản ghi trùng"
        verbose_name_plural = "lần gộp bản ghi trùng"

    def __str__(self) -> str:
        return f"{self.removed_name} → {self.kept_name}"

    @property
    def moved_count(self) -> int:
        return len(self.data.get("moved", []))


class ReviewedImport(models.Model):
    """An import whose warnings an officer has looked through: the desk lists it no more.
    One of `job` (from the browser) or `run` (from the command line)."""

    job = models.OneToOneField(
        "imports.ImportJob", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    run = models.OneToOneField(
        "imports.ImportRun", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xem",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "lần nhập đã xem cảnh báo"
        verbose_name_plural = "lần nhập đã xem cảnh báo"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(job__isnull=True) ^ models.Q(run__isnull=True),
                name="reviewed_import_job_or_run",
            )
        ]

    def __str__(self) -> str:
        return f"{self.job or self.run}"
