"""Evaluation and re-evaluation dossiers (issue 11): the dossier, one row per step taken (who
and when), and the files attached. The path and its rights are ocop.domain.dossier_flow; the
score sheet and the star cap ocop.domain.scoring; the workflow's writes ocop.dossiers.flow."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from ocop.domain.dossier_flow import CLOSED, STATE_LABELS, STEP_LABELS, State
from ocop.registry.models import Decision, Product

STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in State]


class Kind(models.TextChoices):
    FIRST = "first", "Đánh giá lần đầu"
    RENEWAL = "renewal", "Đánh giá lại"


class DossierQuerySet(models.QuerySet):
    def latest_for(self, product_ids) -> dict[int, "Dossier"]:
        """Each product's newest dossier, in one query: {product_id: Dossier}."""
        newest = (
            Dossier.objects.filter(product_id=OuterRef("product_id"))
            .order_by("-registered_on", "-pk")
            .values("pk")[:1]
        )
        rows = self.filter(product_id__in=list(product_ids), pk=Subquery(newest))
        return {row.product_id: row for row in rows}

    def latest_state_for(self, product) -> str | None:
        """The state key of the product's newest dossier, None without one."""
        product_id = getattr(product, "pk", product)
        row = self.filter(product_id=product_id).order_by("-registered_on", "-pk").first()
        return row.state if row else None


class Dossier(models.Model):
    kind = models.CharField("loại hồ sơ", max_length=10, choices=Kind)
    product = models.ForeignKey(
        Product, verbose_name="sản phẩm", on_delete=models.PROTECT, related_name="dossiers"
    )
    renews = models.ForeignKey(
        Decision,
        verbose_name="đánh giá lại quyết định",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal_dossiers",
    )
    registered_on = models.DateField("ngày đăng ký")
    state = models.CharField(
        "bước", max_length=12, choices=STATE_CHOICES, default=State.REGISTERED.value
    )
    score_a = models.DecimalField("điểm phần A", max_digits=5, decimal_places=2, null=True)
    score_b = models.DecimalField("điểm phần B", max_digits=5, decimal_places=2, null=True)
    score_c = models.DecimalField("điểm phần C", max_digits=5, decimal_places=2, null=True)
    score = models.DecimalField("tổng điểm", max_digits=5, decimal_places=2, null=True)
    # The star levels whose mandatory criteria (*) the product misses (ocop.domain.scoring).
    missing_mandatory = models.JSONField("thiếu tiêu chí bắt buộc của hạng", default=list)
    stars = models.PositiveSmallIntegerField("hạng sao theo điểm", null=True)
    decision = models.OneToOneField(
        Decision,
        verbose_name="quyết định công nhận",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossier",
    )
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "-pk"]
        verbose_name = "hồ sơ đánh giá"
        verbose_name_plural = "hồ sơ đánh giá"
        indexes = [models.Index(fields=["product", "registered_on"], name="dossier_product")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stars__isnull=True) | models.Q(stars__in=[3, 4, 5]),
                name="dossier_stars",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="first", renews__isnull=True)
                | models.Q(kind="renewal", renews__isnull=False),
                name="dossier_renewal_names_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"Hồ sơ số {self.pk}: {self.product}"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:detail", args=[self.pk])

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def is_open(self) -> bool:
        return self.state_enum not in CLOSED

    @property
    def unit(self):
        return self.product.unit

    @property
    def parts(self) -> dict:
        return {"A": self.score_a, "B": self.score_b, "C": self.score_c}


class DossierStep(models.Model):
    """One move along the path: who, when, and what they recorded."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="steps"
    )
    from_state = models.CharField("từ bước", max_length=12, choices=STATE_CHOICES, blank=True)
    to_state = models.CharField("sang bước", max_length=12, choices=STATE_CHOICES)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # The name as it was: kept when the account is deleted.
    by_name = models.CharField("tên người thực hiện", max_length=200)
    at = models.DateTimeField("lúc")
    note = models.TextField("ghi chú", blank=True)
    data = models.JSONField("số liệu", default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "bước xử lý hồ sơ"
        verbose_name_plural = "bước xử lý hồ sơ"

    def __str__(self) -> str:
        return f"{self.step_label} ({self.by_name})"

    @property
    def step_label(self) -> str:
        return STEP_LABELS[State(self.to_state)]

    @property
    def province_id(self):
        # The audit files each entry under its record's province (ocop.audit.writing).
        return self.dossier.product.unit.province_id


def dossier_file_path(instance, filename: str) -> str:
    # A private folder the web server refuses (docs/deployment.md): served by a view that
    # checks the role. A random name: the original name is kept in a column.
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"ho-so/{uuid.uuid4().hex}.{extension}"


class DossierFile(models.Model):
    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        JPEG = "jpeg", "Ảnh JPEG"
        PNG = "png", "Ảnh PNG"

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField("tệp", upload_to=dossier_file_path)
    name = models.CharField("tên tệp", max_length=255)
    description = models.CharField("nội dung", max_length=300, blank=True)
    file_type = models.CharField("loại tệp", max_length=10, choices=FileType)
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_by_name = models.CharField("tên người tải lên", max_length=200)
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = "tệp hồ sơ"
        verbose_name_plural = "tệp hồ sơ"

    def __str__(self) -> str:
        return self.name

    @property
    def province_id(self):
        return self.dossier.product.unit.province_id

    @property
    def content_type(self) -> str:
        return {"pdf": "application/pdf", "png": "image/png"}.get(self.file_type, "image/jpeg")
