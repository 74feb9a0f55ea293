"""Each status of OCOP.md §2 named once, in SQL. ocop.domain.status says the same in Python;
tests/test_status_sql.py checks that both agree on many generated products and dates."""

from datetime import date

from django.db import models
from django.db.models import Exists, Max, OuterRef, Q, Subquery


def not_revoked_by(day: date) -> Q:
    return Q(revoked_on__isnull=True) | Q(revoked_on__gt=day)


def valid_q(day: date) -> Q:
    return not_revoked_by(day) & Q(decided_on__lte=day, last_valid_day__gte=day)


class DecisionQuerySet(models.QuerySet):
    def signed_by(self, day: date):
        """Decisions that count on `day`: signed on or before it."""
        return self.filter(decided_on__lte=day)

    def latest_by(self, day: date):
        """Each product's latest decision signed on or before `day` (one row per product)."""
        return self.filter(
            Q(next_decided_on__isnull=True) | Q(next_decided_on__gt=day), decided_on__lte=day
        )

    def relink(self, product_ids) -> int:
        """Set next_decided_on for the decisions of these products. Every writer that bypasses
        Decision.save() (bulk_create, bulk_update, queryset.update/delete) must call it."""
        rows = (
            self.model.objects.filter(product__in=list(product_ids))
            .order_by("product", "decided_on", "pk")
            .values_list("pk", "product", "decided_on", "next_decided_on")
        )
        changed = []
        rows = list(rows)
        for (pk, product, _, current), following in zip(rows, [*rows[1:], None], strict=True):
            wanted = following[2] if following and following[1] == product else None
            if wanted != current:
                changed.append(self.model(pk=pk, next_decided_on=wanted))
        self.model.objects.bulk_update(changed, ["next_decided_on"], batch_size=2000)
        return len(changed)

    def valid_on(self, day: date):
        return self.filter(valid_q(day))

    def latest_valid_on(self, day: date):
        """Per product, the latest decision valid on `day`: the one whose stars count."""
        later = (
            self.model.objects.valid_on(day)
            .filter(product=OuterRef("product"))
            .filter(
                Q(decided_on__gt=OuterRef("decided_on"))
                | Q(decided_on=OuterRef("decided_on"), pk__gt=OuterRef("pk"))
            )
        )
        return self.valid_on(day).filter(~Exists(later))


class ProductQuerySet(models.QuerySet):
    def _decisions(self):
        from ocop.registry.models import Decision

        return Decision.objects.filter(product=OuterRef("pk"))

    def valid_on(self, day: date):
        return self.filter(Exists(self._decisions().valid_on(day)))

    def not_recognised_on(self, day: date):
        return self.exclude(Exists(self._decisions().signed_by(day)))

    def revoked_on(self, day: date):
        latest_revoked = self._decisions().latest_by(day).filter(revoked_on__lte=day)
        return self.filter(Exists(latest_revoked)).exclude(Exists(self._decisions().valid_on(day)))

    def expired_on(self, day: date):
        # Last valid days never decrease with the decision date, so when the latest decision
        # has run out unrevoked, every earlier one has run out too.
        latest_lapsed = (
            self._decisions().latest_by(day).filter(not_revoked_by(day), last_valid_day__lt=day)
        )
        return self.filter(Exists(latest_lapsed))

    def with_stars_on(self, day: date):
        """Annotate `stars_on`: the stars of the latest decision valid on `day` (or None)."""
        latest = self._decisions().valid_on(day).order_by("-decided_on", "-pk")
        return self.annotate(stars_on=Subquery(latest.values("stars")[:1]))

    def with_valid_until(self, day: date):
        """Annotate `valid_until`: the end of the product's recognition as known on `day`,
        i.e. the latest last valid day of its unrevoked decisions signed by then."""
        return self.annotate(
            valid_until=Max(
                "decisions__last_valid_day",
                filter=Q(decisions__decided_on__lte=day, decisions__revoked_on__isnull=True),
            )
        )

    def expiring_between(self, start: date, end: date):
        """Products whose recognition runs out between `start` and `end` (inclusive) and that
        no later decision signed by `end` extends: the ones to remind about re-evaluation."""
        return self.with_valid_until(end).filter(valid_until__gte=start, valid_until__lte=end)

    def in_province(self, province):
        return self.filter(unit__province=province)
