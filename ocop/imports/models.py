"""The trace of every import: who, when, which file (name and checksum), what it did; and
the back office's imports from the browser (ImportJob), which run outside the web request."""

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
    # Which province's registry it checked or wrote: staff see their own province's imports.
    province = models.ForeignKey(
        "registry.Province",
        verbose_name="tỉnh",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="import_runs",
    )
    job = models.ForeignKey(
        "imports.ImportJob",
        verbose_name="lần nhập từ trình duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = "lần nhập danh sách"
        verbose_name_plural = "lần nhập danh sách"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class ImportJob(models.Model):
    """Files uploaded in the back office, checked (a dry run) and, once a person confirms,
    written: each step is a task of the queue, run by the worker in a process of its own
    (`ocop run_import_job`), so it goes on when the browser is closed. ocop/imports/jobs.py
    drives it."""

    class State(models.TextChoices):
        QUEUED = "queued", "đang chờ kiểm tra"
        CHECKING = "checking", "đang kiểm tra"
        CHECKED = "checked", "đã kiểm tra, chờ xác nhận"
        APPLYING = "applying", "đang ghi vào sổ"
        APPLIED = "applied", "đã ghi vào sổ"
        REFUSED = "refused", "bị từ chối"
        FAILED = "failed", "gặp sự cố"

    RUNNING = (State.QUEUED, State.CHECKING, State.APPLYING)

    state = models.CharField("trạng thái", max_length=10, choices=State, default=State.QUEUED)
    province = models.ForeignKey(
        "registry.Province", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xác nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # [{"name": as uploaded, "stored": path under the job's folder, "sha256", "size"}]
    files = models.JSONField("tệp", default=list)
    phase = models.CharField("đang làm", max_length=300, blank=True)
    rows_done = models.PositiveIntegerField("số dòng đã kiểm tra", default=0)
    rows_total = models.PositiveIntegerField("số dòng", default=0)
    # The latest report: the check's, then the write's (jobs.report_of).
    result = models.JSONField("kết quả", null=True, blank=True)
    message = models.TextField("ghi chú", blank=True)
    pid = models.PositiveIntegerField("tiến trình", null=True, blank=True)
    # The queue's id of the step's task, to tell a step still waiting from one that was lost.
    task_id = models.CharField("việc nền", max_length=64, blank=True)
    created_at = models.DateTimeField("tải lên lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    checked_at = models.DateTimeField("kiểm tra xong lúc", null=True, blank=True)
    applied_at = models.DateTimeField("ghi xong lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "lần nhập từ trình duyệt"
        verbose_name_plural = "lần nhập từ trình duyệt"

    def __str__(self) -> str:
        return f"{self.file_names} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("imports:job", args=[self.pk])

    @property
    def file_names(self) -> str:
        return ", ".join(f["name"] for f in self.files)

    @property
    def is_running(self) -> bool:
        return self.state in self.RUNNING

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0

    def to_dict(self) -> dict:
        """What the page's status poll reads."""
        return {
            "id": self.pk,
            "state": self.state,
            "state_label": self.get_state_display(),
            "running": self.is_running,
            "phase": self.phase,
            "rows_done": self.rows_done,
            "rows_total": self.rows_total,
            "percent": self.percent,
        }
