"""What the shared layer stores: per-client counts for the public forms' flood limit."""

from django.db import models
from django.utils import timezone

from ocop.domain.dates import format_moment
from ocop.shared.counters import count_one


class ClientCount(models.Model):
    """What one client sent through one kind of public form in one clock hour (misuse reports,
    buyers' inquiries: each form names its own kind and limit), to refuse floods without a
    third-party captcha. The client is a keyed hash of its address
    (ocop.shared.public_forms.client_key): enough to count, not to know who sent. A row
    matters only during its hour."""

    kind = models.CharField("biểu mẫu", max_length=32)
    client = models.CharField(max_length=64)
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "lượt gửi của một địa chỉ trong một giờ"
        verbose_name_plural = "lượt gửi của một địa chỉ trong một giờ"
        constraints = [
            # count_one's single INSERT … ON CONFLICT needs a constraint on exactly this key.
            models.UniqueConstraint(
                fields=["kind", "client", "hour"], name="client_count_unique_hour"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}, {format_moment(timezone.localtime(self.hour))}: {self.count}"

    @classmethod
    def used(cls, kind: str, client: str, hour) -> int:
        row = cls.objects.filter(kind=kind, client=client, hour=hour).first()
        return row.count if row else 0

    @classmethod
    def record(cls, kind: str, client: str, hour) -> None:
        """One more, counted in the database (ocop.shared.counters.count_one): two requests
        at the same moment are both counted."""
        count_one(cls, kind=kind, client=client, hour=hour)
