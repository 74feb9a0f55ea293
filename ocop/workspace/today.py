"""What the workspace home shows: what needs doing today in the user's province, panel by
panel, each only for a role that may act on it. Statuses come from the registry's querysets
(ocop/registry/querysets.py), never from a rule written here."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q

from ocop.catalog.models import MisuseReport
from ocop.domain.dossier_flow import CLOSED, STATE_LABELS, State
from ocop.domain.roles import Action
from ocop.dossiers.models import Dossier
from ocop.imports.models import ImportRun
from ocop.quality.counts import desk_counts
from ocop.registry.models import Product

WINDOWS = (30, 90)  # days ahead: the reminder windows of the department
ROWS = 8  # the first rows shown of a list; the rest behind its link


@dataclass
class Expiring:
    days: int
    count: int
    own_commune: int | None  # of which in the commune officer's commune


def expiring(staff, today: date) -> dict:
    """Recognitions that run out in the next 30 and 90 days, and no later decision extends;
    the first rows of the 90 days, soonest first."""
    products = staff.scope(Product.objects.all())
    windows = []
    for days in WINDOWS:
        soon = products.expiring_between(today, today + timedelta(days=days))
        own = soon.filter(unit_id=staff.commune_id).count() if staff.commune_id else None
        windows.append(Expiring(days, soon.count(), own))
    last = products.expiring_between(today, today + timedelta(days=WINDOWS[-1]))
    rows = last.select_related("producer", "unit").order_by("valid_until", "sort_key", "pk")
    if staff.commune_id:  # a commune officer's own products first
        rows = rows.alias(own=Q(unit_id=staff.commune_id)).order_by("-own", "valid_until", "pk")
    return {"windows": windows, "rows": list(rows[:ROWS])}


def expired(staff, today: date) -> dict:
    """Products whose recognition ran out and were not evaluated again (not revoked)."""
    products = staff.scope(Product.objects.expired_on(today))
    own = products.filter(unit_id=staff.commune_id).count() if staff.commune_id else None
    return {"count": products.count(), "own_commune": own}


def misuse_reports(staff):
    """New reports, not yet looked at (the misuse inbox, ocop.enforcement, triages them)."""
    return MisuseReport.objects.seen_by(staff).filter(status=MisuseReport.Status.NEW)


def last_imports(staff, count: int = 5):
    runs = ImportRun.objects.filter(dry_run=False).select_related("user", "job")
    if staff.province_id is not None:
        runs = runs.filter(province_id=staff.province_id)
    return list(runs[:count])


@dataclass
class Waiting:
    state: str
    label: str
    count: int
    own_commune: int | None


def dossiers_waiting(staff) -> list[Waiting]:
    """Open evaluation dossiers by the step they wait at (ocop.dossiers), with the commune
    officer's own share."""
    dossiers = staff.scope(Dossier.objects.exclude(state__in=CLOSED), "product__unit")
    counts = {row["state"]: row["n"] for row in dossiers.values("state").annotate(n=Count("pk"))}
    own = {}
    if staff.commune_id:
        mine = dossiers.filter(product__unit_id=staff.commune_id)
        own = {row["state"]: row["n"] for row in mine.values("state").annotate(n=Count("pk"))}
    return [
        Waiting(
            state.value,
            STATE_LABELS[state],
            counts.get(state, 0),
            own.get(state, 0) if staff.commune_id else None,
        )
        for state in State
        if state not in CLOSED
    ]


def panels(staff, today: date) -> dict:
    found = {"expiring": expiring(staff, today), "expired": expired(staff, today)}
    found["dossiers"] = dossiers_waiting(staff)
    if staff.can_somewhere(Action.REVOKE):
        found["misuse"] = misuse_reports(staff).count()
    if staff.can_somewhere(Action.QUALITY):
        found["quality"] = desk_counts(staff)
    if staff.can_somewhere(Action.IMPORT):
        found["imports"] = last_imports(staff)
    return found
