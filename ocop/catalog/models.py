"""What the public side stores: how often each code is checked, per day, for the back office.
No personal data: no address, no browser, only a count."""

from django.db import IntegrityError, models, transaction
from django.db.models import F

from ocop.registry.models import Decision


class ScanCount(models.Model):
    decision = models.ForeignKey(
        Decision,
        verbose_name="quyết định công nhận",
        on_delete=models.CASCADE,
        related_name="scan_counts",
    )
    day = models.DateField("ngày")
    count = models.PositiveIntegerField("số lượt kiểm tra", default=0)

    class Meta:
        ordering = ["-day", "decision"]
        verbose_name = "lượt kiểm tra mã"
        verbose_name_plural = "lượt kiểm tra mã"
        constraints = [
            models.UniqueConstraint(fields=["decision", "day"], name="scan_count_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.decision.public_code}: {self.count}"

    @classmethod
    def record(cls, decision: Decision, day) -> None:
        """One more check of `decision` on `day`, counted in the database (F(), not a read
        then a write, so two phones scanning at once both count)."""
        rows = cls.objects.filter(decision=decision, day=day)
        if rows.update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(decision=decision, day=day, count=1)
        except IntegrityError:  # the first scan of the day came in at the same moment
            rows.update(count=F("count") + 1)
