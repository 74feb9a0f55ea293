"""The log of every e-mail the registry sends (reminders, revocation notices, buyers'
inquiries...): one row per message and recipient, written by ocop.notices.sending when the
message is queued and kept up to date by its delivery (sent, or refused and tried again, or
given up), so an officer can see what a producer was told and when."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from ocop.domain.dates import format_date


class Notice(models.Model):
    kind = models.CharField("loại thư", max_length=40, db_index=True)
    product = models.ForeignKey(
        "registry.Product",
        verbose_name="sản phẩm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
    )
    recipient = models.EmailField("gửi đến", max_length=254)
    recipient_role = models.CharField("người nhận", max_length=40, blank=True)
    # Where an answer goes (a buyer's inquiry: the buyer), else the registry's own address.
    reply_to = models.EmailField("trả lời đến", max_length=254, blank=True)
    subject = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung")
    created_at = models.DateTimeField("lúc tạo", auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField("lúc gửi", null=True, blank=True)
    # The server's answer to the latest attempt that failed; cleared once one succeeds.
    error = models.TextField("lỗi", blank=True)
    attempts = models.PositiveSmallIntegerField("số lần thử", default=0)
    # When the next attempt is queued for, after a failure; empty otherwise.
    retry_at = models.DateTimeField("thử lại lúc", null=True, blank=True)
    related_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    related_id = models.CharField(max_length=64, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    class Meta:
        verbose_name = "thư đã gửi"
        verbose_name_plural = "thư đã gửi"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["related_type", "related_id"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    @property
    def has_failed(self) -> bool:
        """Given up: refused, and no attempt left (or none the queue can put off)."""
        return not self.is_sent and bool(self.error) and self.retry_at is None

    @property
    def state(self) -> str:
        """What the mail log says of it: sent, waiting in the queue, or failed with attempts."""
        if self.is_sent:
            return "đã gửi" if self.attempts <= 1 else f"đã gửi (lần thử thứ {self.attempts})"
        if self.has_failed:
            return f"lỗi, đã thử {self.attempts} lần"
        if self.error:
            at = timezone.localtime(self.retry_at).strftime("%H:%M %d/%m/%Y")
            return f"lỗi sau {self.attempts} lần thử, sẽ thử lại lúc {at}"
        return "đang chờ gửi"


class Reminder(models.Model):
    """One reminder of an expiry to one address: at most one per decision, interval and
    recipient (the unique constraint is what makes `ocop remind` safe to run twice)."""

    class Role(models.TextChoices):
        PRODUCER = "producer", "chủ thể"
        COMMUNE = "commune", "cán bộ xã/phường"

    decision = models.ForeignKey(
        "registry.Decision",
        verbose_name="quyết định",
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    # The decision's product, kept here so that the product's page lists its reminders.
    product = models.ForeignKey(
        "registry.Product", verbose_name="sản phẩm", on_delete=models.CASCADE, related_name="+"
    )
    interval = models.PositiveSmallIntegerField("nhắc trước (ngày)")
    last_valid_day = models.DateField("hiệu lực đến hết ngày")
    recipient = models.EmailField("gửi đến", max_length=254)
    recipient_role = models.CharField("người nhận", max_length=20, choices=Role)
    notice = models.ForeignKey(
        Notice,
        verbose_name="thư",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reminders",
    )
    created_at = models.DateTimeField("lúc gửi", auto_now_add=True)

    class Meta:
        verbose_name = "lời nhắc hết hạn"
        verbose_name_plural = "lời nhắc hết hạn"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "interval", "recipient"], name="reminder_once_per_interval"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product} — {self.interval} ngày — {self.recipient}"


class DigestSent(models.Model):
    """The weekly digest of a week (`day`: that week's digest weekday) to one address."""

    day = models.DateField("tuần của ngày")
    province = models.ForeignKey(
        "registry.Province", verbose_name="tỉnh", on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.EmailField("gửi đến", max_length=254)
    notice = models.ForeignKey(
        Notice, verbose_name="thư", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("lúc gửi", auto_now_add=True)

    class Meta:
        verbose_name = "bản tổng hợp hằng tuần"
        verbose_name_plural = "bản tổng hợp hằng tuần"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "province", "recipient"], name="digest_once_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"{format_date(self.day)} → {self.recipient}"
