"""The yearly review's table: inspections and their findings by commune and kind, for one
year, in the user's province; as CSV through the shared writer (ocop.shared.exports)."""

from dataclasses import dataclass, field

from django.db.models import Count

from ocop.domain.inspections import SHORT_LABELS, FindingKind
from ocop.enforcement.models import Finding, Inspection
from ocop.registry.models import Unit


@dataclass
class Row:
    unit: Unit | None  # None: the province's total
    inspections: int = 0
    counts: dict = field(default_factory=dict)  # FindingKind -> inspections that found it

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(kind, 0) for kind in FindingKind]


def table(staff, year: int) -> tuple[list[Row], Row]:
    """One row per commune with an inspection that year (Vietnamese order), and the total."""
    inspections = staff.scope(Inspection.objects.filter(inspected_on__year=year))
    per_unit = dict(
        inspections.order_by().values("unit").annotate(n=Count("pk")).values_list("unit", "n")
    )
    findings = Finding.objects.filter(inspection__in=inspections.values("pk"))
    rows = {unit.pk: Row(unit, per_unit[unit.pk]) for unit in Unit.objects.filter(pk__in=per_unit)}
    total = Row(None, sum(per_unit.values()))
    for unit_id, kind, n in (
        findings.order_by()
        .values("inspection__unit", "kind")
        .annotate(n=Count("pk"))
        .values_list("inspection__unit", "kind", "n")
    ):
        rows[unit_id].counts[FindingKind(kind)] = n
        total.counts[FindingKind(kind)] = total.counts.get(FindingKind(kind), 0) + n
    ordered = sorted(rows.values(), key=lambda row: (row.unit.sort_key, row.unit.name))
    return ordered, total


def heads() -> list[str]:
    return ["Xã/phường", "Số lần kiểm tra", *(SHORT_LABELS[kind] for kind in FindingKind)]


def csv_rows(rows: list[Row], total: Row):
    for row in rows:
        yield [str(row.unit), row.inspections, *row.cells]
    yield ["Cả tỉnh", total.inspections, *total.cells]
