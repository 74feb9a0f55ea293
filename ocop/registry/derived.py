"""The registry's stored derived values, and the one place that keeps them true.

- Decision.last_valid_day comes from the decision date by the validity law
  (ocop.domain.validity) and its province's roll-forward rule. `derive_last_valid_days` is the
  one function that sets it: model saves, bulk writes, queryset updates, the importer and the
  generator all call it, and a change of rule (a province's roll-forward setting, a holiday, a
  product or commune moved to another province) derives the affected decisions again.
- Decision.next_decided_on is kept by database triggers (ocop/registry/links.py).

`recompute` derives both from scratch, independently of those paths, repairs what differs and
says how many did: 0 on a healthy registry."""

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from ocop.domain import validity
from ocop.registry.models import Decision, Holiday, Product, Province, Unit

_CHUNK = 900  # stays under SQLite's limit of variables in one statement


def derive_last_valid_days(decisions: Iterable[Decision], *, roll_forward=None) -> None:
    """Set each decision's last valid day. A writer that knows the province's rule for all
    its decisions (the importer: one province) passes `roll_forward`; otherwise each
    decision's province is looked up, only when some province rolls forward at all."""
    decisions = list(decisions)
    if roll_forward is None:
        rolling = _rolling_products({d.product_id for d in decisions})
        rolls = {d.product_id: d.product_id in rolling for d in decisions}
    else:
        rolls = {d.product_id: roll_forward for d in decisions}
    holidays = set(Holiday.objects.values_list("day", flat=True)) if any(rolls.values()) else ()
    days = {}  # 50,000 decisions of an import fall on a few thousand days
    for decision in decisions:
        key = (decision.decided_on, rolls[decision.product_id])
        if key not in days:
            days[key] = validity.last_valid_day(key[0], roll_forward=key[1], holidays=holidays)
        decision.last_valid_day = days[key]


def _rolling_products(product_ids: set[int]) -> set[int]:
    if not Province.objects.filter(roll_forward_holidays=True).exists():
        return set()
    ids, found = sorted(product_ids), set()
    for start in range(0, len(ids), _CHUNK):
        found.update(
            Product.objects.filter(
                pk__in=ids[start : start + _CHUNK], unit__province__roll_forward_holidays=True
            ).values_list("pk", flat=True)
        )
    return found


def rederive(decisions) -> int:
    """Derive the last valid days of a queryset of decisions again; returns how many changed."""
    changed = _rederived(decisions)
    Decision.objects.bulk_update(changed, ["last_valid_day"], batch_size=2000)
    return len(changed)


def _rederived(decisions) -> list[Decision]:
    """The decisions whose stored last valid day is not the one derived now, set right."""
    rows = list(decisions.only("pk", "product_id", "decided_on", "last_valid_day"))
    before = {d.pk: d.last_valid_day for d in rows}
    derive_last_valid_days(rows)
    return [d for d in rows if d.last_valid_day != before[d.pk]]


def rederive_if_rules_differ(decisions) -> int:
    """After a product or commune moved: only a province that rolls forward makes the last
    valid day depend on where a product is."""
    if not Province.objects.filter(roll_forward_holidays=True).exists():
        return 0
    return rederive(decisions)


@dataclass
class Recomputed:
    last_valid_days: int
    links: int


@transaction.atomic
def recompute(province: Province | None = None) -> Recomputed:
    decisions = Decision.objects.all()
    if province is not None:
        decisions = decisions.filter(product__unit__province=province)
    last_valid_days = rederive(decisions)
    stale = [
        Decision(pk=pk, next_decided_on=wanted)
        for pk, stored, wanted in expected_links(decisions)
        if stored != wanted
    ]
    Decision.objects.bulk_update(stale, ["next_decided_on"], batch_size=2000)
    return Recomputed(last_valid_days, len(stale))


def stale() -> Recomputed:
    """What `recompute` would repair, counted without writing (`ocop doctor`)."""
    decisions = Decision.objects.all()
    links = sum(1 for _, stored, wanted in expected_links(decisions) if stored != wanted)
    return Recomputed(len(_rederived(decisions)), links)


def expected_links(decisions):
    """(pk, stored next_decided_on, the one it should be) of every decision: the date of the
    product's next decision by date, then id. Computed here in Python, apart from the
    triggers that maintain it, so that each checks the other."""
    rows = decisions.order_by("product_id", "decided_on", "pk").values_list(
        "pk", "product_id", "decided_on", "next_decided_on"
    )
    rows = list(rows)
    for (pk, product, _, stored), following in pairwise([*rows, None]):
        wanted = following[2] if following and following[1] == product else None
        yield pk, stored, wanted


def connect_rule_changes() -> None:
    post_save.connect(_province_saved, sender=Province, dispatch_uid="derived-province")
    post_save.connect(_holidays_changed, sender=Holiday, dispatch_uid="derived-holiday-save")
    post_delete.connect(_holidays_changed, sender=Holiday, dispatch_uid="derived-holiday-del")
    post_save.connect(_unit_saved, sender=Unit, dispatch_uid="derived-unit")
    post_save.connect(_product_saved, sender=Product, dispatch_uid="derived-product")


def _province_saved(instance, raw=False, **kwargs) -> None:
    if not raw:
        rederive(Decision.objects.filter(product__unit__province=instance))


def _holidays_changed(raw=False, **kwargs) -> None:
    if not raw:
        rederive(Decision.objects.filter(product__unit__province__roll_forward_holidays=True))


def _unit_saved(instance, raw=False, created=False, **kwargs) -> None:
    if not raw and not created:
        rederive_if_rules_differ(Decision.objects.filter(product__unit=instance))


def _product_saved(instance, raw=False, created=False, **kwargs) -> None:
    if not raw and not created:
        rederive_if_rules_differ(Decision.objects.filter(product=instance))
