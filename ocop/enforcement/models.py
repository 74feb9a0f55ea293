"""What enforcement keeps: revocations recorded in the workspace (and their undoing), logo-use
inspections with their findings and photos, and the triage of the public's misuse reports.
Every step says who and when; the audit log (ocop.audit) keeps each change beside."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from ocop.domain.dates import format_date
from ocop.domain.inspections import FindingKind
from ocop.domain.revocation import Ground

GROUND_CHOICES = [(g.value, g.label) for g in Ground]
FINDING_CHOICES = [(k.value, k.label) for k in FindingKind]
# Private files: the web server denies these folders (docs/deployment.md); the workspace
# serves them to staff whose role may read them.
SCAN_FOLDER = "thu-hoi"
PHOTO_FOLDER = "kiem-tra"


def scan_path(revocation: "Revocation", filename: str) -> str:
    # Our own random name: an uploaded file's name may carry a person's name.
    return f"{SCAN_FOLDER}/{uuid.uuid4().hex[:16]}.{filename.rsplit('.', 1)[-1]}"


def photo_path(photo: "InspectionPhoto", filename: str) -> str:
    return f"{PHOTO_FOLDER}/{uuid.uuid4().hex[:16]}.{filename.rsplit('.', 1)[-1]}"


def _user(label: str):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class Revocation(models.Model):
    """A revocation decision recorded on a recognition decision. The decision's own fields
    (revoked_on, revocation_number, revocation_reason) carry it to the status rules and the
    public verdict; this row keeps the rest and its undoing."""

    decision = models.ForeignKey(
        "registry.Decision",
        verbose_name="quyết định công nhận",
        on_delete=models.CASCADE,
        related_name="revocations",
    )
    number = models.CharField("số quyết định thu hồi", max_length=100)
    revoked_on = models.DateField("ngày thu hồi")
    issuer = models.CharField("cơ quan ban hành", max_length=200)
    ground = models.CharField("căn cứ thu hồi", max_length=30, choices=GROUND_CHOICES)
    detail = models.TextField("nội dung", blank=True)
    scan = models.FileField("bản scan quyết định", upload_to=scan_path, blank=True)
    recorded_by = _user("người ghi")
    recorded_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)
    undone_at = models.DateTimeField("thời điểm hủy", null=True, blank=True)
    undone_by = _user("người hủy")
    undo_reason = models.TextField("lý do hủy", blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = "thu hồi công nhận"
        verbose_name_plural = "thu hồi công nhận"
        constraints = [
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(undone_at__isnull=True),
                name="revocation_one_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"Thu hồi {self.number} ngày {format_date(self.revoked_on)}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:revocation", args=[self.pk])

    @property
    def province_id(self):
        # The audit log files an entry under its record's province (ocop.audit.writing); a
        # query rather than attributes, so a cascade from a deleted decision still answers.
        from ocop.registry.models import Decision

        found = Decision.objects.filter(pk=self.decision_id)
        return found.values_list("product__unit__province_id", flat=True).first()


class Inspection(models.Model):
    """A check of the OCOP mark where products are sold or made, in one commune or ward."""

    unit = models.ForeignKey(
        "registry.Unit", verbose_name="xã/phường", on_delete=models.PROTECT, related_name="+"
    )
    inspected_on = models.DateField("ngày kiểm tra")
    place = models.CharField("địa điểm", max_length=300)
    product = models.ForeignKey(
        "registry.Product",
        verbose_name="sản phẩm trong sổ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )
    unlisted_name = models.CharField("tên sản phẩm (không có trong sổ)", max_length=300, blank=True)
    unlisted_producer = models.CharField("cơ sở sản xuất (như ghi)", max_length=300, blank=True)
    note = models.TextField("ghi nhận", blank=True)
    recorded_by = _user("người ghi")
    recorded_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)
    action = models.TextField("biện pháp xử lý", blank=True)
    action_by = _user("người ghi biện pháp")
    action_at = models.DateTimeField("thời điểm ghi biện pháp", null=True, blank=True)
    outcome = models.TextField("kết quả xử lý", blank=True)
    outcome_by = _user("người ghi kết quả")
    outcome_at = models.DateTimeField("thời điểm ghi kết quả", null=True, blank=True)

    class Meta:
        ordering = ["-inspected_on", "-pk"]
        verbose_name = "kiểm tra nhãn OCOP"
        verbose_name_plural = "kiểm tra nhãn OCOP"
        indexes = [models.Index(fields=["inspected_on", "unit"], name="inspection_day_unit")]

    def __str__(self) -> str:
        return f"Kiểm tra ngày {format_date(self.inspected_on)}: {self.product_name}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:inspection", args=[self.pk])

    @property
    def product_name(self) -> str:
        return self.product.name if self.product_id else self.unlisted_name

    @property
    def kinds(self) -> list[FindingKind]:
        return sorted(
            (FindingKind(f.kind) for f in self.findings.all()), key=list(FindingKind).index
        )


class Finding(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name="lần kiểm tra", on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField("vi phạm", max_length=30, choices=FINDING_CHOICES)

    class Meta:
        verbose_name = "vi phạm phát hiện"
        verbose_name_plural = "vi phạm phát hiện"
        constraints = [models.UniqueConstraint(fields=["inspection", "kind"], name="finding_once")]

    def __str__(self) -> str:
        return FindingKind(self.kind).label

    @property
    def unit_id(self):
        return self.inspection.unit_id


class InspectionPhoto(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name="lần kiểm tra", on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField("ảnh", upload_to=photo_path)
    uploaded_by = _user("người tải lên")
    uploaded_at = models.DateTimeField("thời điểm tải lên", auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "ảnh kiểm tra"
        verbose_name_plural = "ảnh kiểm tra"

    def __str__(self) -> str:
        return f"Ảnh {self.pk} của {self.inspection}"

    @property
    def unit_id(self):
        return self.inspection.unit_id


class Triage(models.Model):
    """What the department did with a misuse report from the public: dismissed it (with a
    reason) or opened an inspection from it."""

    class Outcome(models.TextChoices):
        DISMISSED = "dismissed", "Không xử lý"
        INSPECTION = "inspection", "Mở kiểm tra"

    report = models.OneToOneField(
        "catalog.MisuseReport",
        verbose_name="phản ánh",
        on_delete=models.CASCADE,
        related_name="triage",
    )
    outcome = models.CharField("kết quả phân loại", max_length=20, choices=Outcome)
    reason = models.TextField("lý do", blank=True)
    inspection = models.ForeignKey(
        Inspection,
        verbose_name="lần kiểm tra",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="triages",
    )
    decided_by = _user("người phân loại")
    decided_at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "phân loại phản ánh"
        verbose_name_plural = "phân loại phản ánh"

    def __str__(self) -> str:
        return f"{self.report.reference}: {self.get_outcome_display()}"
