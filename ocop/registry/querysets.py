"""Each status of OCOP.md §2 named once, in SQL. ocop.domain.status says the same in Python;
tests/test_status_sql.py checks that both agree on many generated products and dates.

The statuses are written once, in DecisionQuerySet.with_product_status: on each product's
latest decision as of the day, the product's status and the stars that count. The product
filters and the summary are built on it."""

from datetime import date

from django.db import models
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from ocop.domain.status import Status


def not_revoked_by(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}revoked_on__isnull": True}) | Q(**{f"{prefix}revoked_on__gt": day})


def revoked_by(day: date) -> Q:
    return Q(revoked_on__lte=day)


def valid_q(day: date) -> Q:
    return not_revoked_by(day) & Q(decided_on__lte=day, last_valid_day__gte=day)


class KeysFromNamesMixin:
    """queryset.update() and bulk_update() skip the model's derive(): a new name (or tax code)
    derives its keys again here (name, search and sort keys), so no write path leaves them
    stale. The rows are written back through a plain QuerySet, which does not come here again."""

    SOURCES = frozenset({"name", "tax_code"})

    def update(self, **kwargs):
        renamed = list(self.values_list("pk", flat=True)) if self.SOURCES & set(kwargs) else []
        count = super().update(**kwargs)
        if renamed:
            rows = list(self.model.objects.filter(pk__in=renamed))
            for row in rows:
                row.derive()
            fields = [f.name for f in self.model._meta.concrete_fields if not f.primary_key]
            models.QuerySet(self.model).bulk_update(rows, fields, batch_size=500)
        return count

    update.alters_data = True


class DecisionQuerySet(models.QuerySet):
    def signed_by(self, day: date):
        """Decisions that count on `day`: signed on or before it."""
        return self.filter(decided_on__lte=day)

    def latest_by(self, day: date):
        """Each product's latest decision signed on or before `day` (one row per product)."""
        return self.filter(
            Q(next_decided_on__isnull=True) | Q(next_decided_on__gt=day), decided_on__lte=day
        )

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

    def with_product_status(self, day: date):
        """Each product's latest decision as of `day`, annotated with the product's status
        (`product_status`, a Status value) and the stars that count (`counted_stars`).
        A product is valid when its latest decision is in force, or when that one was revoked
        while an earlier one still is (then the earlier one's stars count). Last valid days
        never decrease with the decision date, so a latest decision that ran out unrevoked
        means every earlier one ran out too: expired."""
        in_force = self.model.objects.valid_on(day).filter(product=OuterRef("product"))
        older_stars = in_force.order_by("-decided_on", "-pk").values("stars")[:1]
        # Asked only of a revoked latest decision (rare), as a scalar subquery: an EXISTS here
        # lets PostgreSQL hash every decision in force on each call.
        revived_stars = Case(When(revoked_by(day), then=Subquery(older_stars)), default=None)
        return (
            self.latest_by(day)
            .alias(revived_stars=revived_stars)
            .annotate(
                product_status=Case(
                    When(valid_q(day), then=Value(Status.VALID.value)),
                    When(revived_stars__isnull=False, then=Value(Status.VALID.value)),
                    When(revoked_by(day), then=Value(Status.REVOKED.value)),
                    default=Value(Status.EXPIRED.value),
                    output_field=CharField(),
                ),
                counted_stars=Case(When(valid_q(day), then=F("stars")), default=F("revived_stars")),
            )
        )

    def bulk_create(self, objs, *args, **kwargs):
        from ocop.registry.derived import derive_last_valid_days
        from ocop.registry.public_codes import assign_public_codes

        objs = list(objs)
        derive_last_valid_days(objs)
        assign_public_codes(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs):
        """queryset.update() and bulk_update() skip save(): a new date or product derives the
        last valid day again here (the link to the next decision is the triggers' work)."""
        moved = {"decided_on", "product", "product_id"} & set(kwargs)
        pks = list(self.values_list("pk", flat=True)) if moved else []
        count = super().update(**kwargs)
        if pks:
            from ocop.registry.derived import rederive

            rederive(self.model.objects.filter(pk__in=pks))
        return count

    update.alters_data = True


class ProductQuerySet(KeysFromNamesMixin, models.QuerySet):
    def _decisions(self):
        from ocop.registry.models import Decision

        return Decision.objects.filter(product=OuterRef("pk"))

    def _in_status(self, day: date, status: Status):
        from ocop.registry.models import Decision

        latest = Decision.objects.with_product_status(day).filter(product_status=status.value)
        return self.filter(pk__in=latest.values("product"))

    def valid_on(self, day: date):
        return self._in_status(day, Status.VALID)

    def expired_on(self, day: date):
        return self._in_status(day, Status.EXPIRED)

    def revoked_on(self, day: date):
        return self._in_status(day, Status.REVOKED)

    def not_recognised_on(self, day: date):
        return self.exclude(Exists(self._decisions().signed_by(day)))

    def with_stars_on(self, day: date):
        """Annotate `stars_on`: the stars that count on `day` (None unless valid)."""
        from ocop.registry.models import Decision

        latest = Decision.objects.with_product_status(day).filter(product=OuterRef("pk"))
        return self.annotate(stars_on=Subquery(latest.values("counted_stars")[:1]))

    def with_status_on(self, day: date):
        """Annotate `status_on`: the product's Status value on `day`, as the filters above
        decide it (a product without a decision signed by then is not recognised)."""
        from ocop.registry.models import Decision

        latest = Decision.objects.with_product_status(day).filter(product=OuterRef("pk"))
        status = Subquery(latest.values("product_status")[:1])
        return self.annotate(status_on=Coalesce(status, Value(Status.NOT_RECOGNISED.value)))

    def _counted_on(self, day: date):
        """Each product's decisions as known on `day`: signed by then, not revoked by then
        (a revocation decided later does not change that day's answer), the one that ends
        last first (the latest signed among equals: a correction for the same term)."""
        counted = self._decisions().filter(not_revoked_by(day), decided_on__lte=day)
        return counted.order_by("-last_valid_day", "-decided_on", "-pk")

    def with_valid_until(self, day: date):
        """Annotate `valid_until`: the end of the product's recognition as known on `day`,
        i.e. the latest last valid day of its decisions signed by then and not revoked by
        then."""
        # A subquery rather than an aggregate over a join: without a GROUP BY, counting the
        # rows (the admin's paginator) leaves it out, and a page computes it for its rows only.
        latest = self._counted_on(day).values("last_valid_day")[:1]
        return self.annotate(valid_until=Subquery(latest))

    def with_ending_decision(self, day: date):
        """Annotate `valid_until` as with_valid_until does, and `ending_decision` (a pk): the
        decision that sets that day, the one a reminder or a list names."""
        counted = self._counted_on(day)
        return self.with_valid_until(day).annotate(
            ending_decision=Subquery(counted.values("pk")[:1])
        )

    def expiring_between(self, start: date, end: date):
        """The one expiring rule (OCOP.md §1-2; ocop.domain.status.expiring_between in SQL,
        checked against it by tests/test_status_sql.py), which the letter's expiring list, the
        expiry desk, the reminders, the workspace home, the statistics and the API all ask:
        products in force on `start` whose recognition, as known on `start`, runs out by `end`
        (inclusive), i.e. that no decision signed by `start` extends. `start` is the day
        asked: a decision signed or a revocation decided after it does not change the answer
        (the revoked_by/not_revoked_by semantics of every status here), so a list printed
        today and the desk seen today name the same products. Annotated with `valid_until`
        and `ending_decision`."""
        known = self.with_ending_decision(start)
        return known.filter(valid_until__gte=start, valid_until__lte=end)

    def in_province(self, province):
        return self.filter(unit__province=province)

    def update(self, **kwargs):
        """A product moved to another commune may move to a province with another rule."""
        moved = {"unit", "unit_id"} & set(kwargs)
        pks = list(self.values_list("pk", flat=True)) if moved else []
        count = super().update(**kwargs)
        if pks:
            from ocop.registry.derived import rederive_if_rules_differ
            from ocop.registry.models import Decision

            rederive_if_rules_differ(Decision.objects.filter(product__in=pks))
        return count

    update.alters_data = True


class RuleQuerySet(models.QuerySet):
    """For the tables the validity rule reads (provinces, holidays, communes): bulk writes
    skip the save signals, so they derive every last valid day again."""

    def _rederive_all(self) -> None:
        from ocop.registry.derived import rederive
        from ocop.registry.models import Decision

        rederive(Decision.objects.all())

    def update(self, **kwargs):
        count = super().update(**kwargs)
        self._rederive_all()
        return count

    update.alters_data = True

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        self._rederive_all()
        return created

    def delete(self):
        result = super().delete()
        self._rederive_all()
        return result

    delete.alters_data = True


class UnitQuerySet(KeysFromNamesMixin, RuleQuerySet):
    pass


class ProducerQuerySet(KeysFromNamesMixin, models.QuerySet):
    pass
