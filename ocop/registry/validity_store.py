"""Keep stored last valid days in step with the province rule (roll-forward on or off)."""

from django.db import transaction

from ocop.registry.models import Decision, Holiday, Province


@transaction.atomic
def recompute_validity(province: Province | None = None) -> int:
    """Derive every decision's last valid day again; returns how many changed."""
    holidays = set(Holiday.objects.values_list("day", flat=True))
    provinces = [province] if province else list(Province.objects.all())
    changed = []
    for prov in provinces:
        decisions = Decision.objects.filter(product__unit__province=prov).only(
            "pk", "decided_on", "last_valid_day"
        )
        for decision in decisions.iterator(chunk_size=5000):
            before = decision.last_valid_day
            decision.derive(roll_forward=prov.roll_forward_holidays, holidays=holidays)
            if decision.last_valid_day != before:
                changed.append(decision)
    Decision.objects.bulk_update(changed, ["last_valid_day"], batch_size=2000)
    return len(changed)
