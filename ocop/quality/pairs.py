"""Near-duplicate producers and products of a province, for a person to confirm as different or
merge. The likeness is the importer's (ocop.domain.similar.close on the name keys of
ocop.domain.names), within the same groups it compares: producers of one commune/ward,
products of one producer. Pairs already confirmed as different are left out."""

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from ocop.domain.similar import close, near_matches
from ocop.quality.models import DistinctPair, Kind
from ocop.registry.models import Producer, Product

# Up to this many names in one group every pair is compared (all look-alikes, not only the
# first); above it the importer's indexed search finds one look-alike per name, which is
# much faster (a commune's 50 producers: 1,200 comparisons against 50 look-ups).
_PAIRWISE = 12

MODELS = {Kind.PRODUCER: Producer, Kind.PRODUCT: Product}
# The importer's groups: producers of one commune/ward, products of one producer.
_GROUP = {Kind.PRODUCER: lambda r: r.unit_id, Kind.PRODUCT: lambda r: r.producer_id}


@dataclass(frozen=True)
class Pair:
    kind: Kind
    first: object  # the record with the smaller id
    second: object

    @property
    def records(self) -> tuple:
        return (self.first, self.second)

    @property
    def key(self) -> str:
        return f"{self.first.pk}-{self.second.pk}"


def producer_pairs(staff) -> list[Pair]:
    """The pairs as light rows (id, commune, name key, tax code): `records` loads a page's."""
    rows = staff.scope(Producer.objects).order_by("pk")
    rows = rows.values_list("pk", "unit_id", "name_key", "tax_code", named=True)
    return _pairs(Kind.PRODUCER, rows, _GROUP[Kind.PRODUCER], _different_tax_codes)


def product_pairs(staff) -> list[Pair]:
    rows = staff.scope(Product.objects).order_by("pk")
    rows = rows.values_list("pk", "producer_id", "name_key", named=True)
    return _pairs(Kind.PRODUCT, rows, _GROUP[Kind.PRODUCT], None)


def loaded(pairs: list[Pair]) -> list[Pair]:
    """The same pairs with their records, for showing them."""
    if not pairs:
        return []
    kind = pairs[0].kind
    related = ("unit",) if kind == Kind.PRODUCER else ("unit", "producer", "product_set")
    ids = {r.pk for p in pairs for r in p.records}
    found = MODELS[kind].objects.select_related(*related).in_bulk(ids)
    return [Pair(kind, found[p.first.pk], found[p.second.pk]) for p in pairs]


def _pairs(kind, rows, group_of, unlike) -> list[Pair]:
    groups = defaultdict(list)
    for row in rows:
        groups[group_of(row)].append(row)
    found = []
    for members in groups.values():
        if len(members) > 1:
            found += _alike_in(kind, members, unlike)
    return _without_distinct(kind, found)


def _alike_in(kind, members, unlike) -> list[Pair]:
    if len(members) <= _PAIRWISE:
        candidates = combinations(members, 2)
    else:
        by_key = defaultdict(list)
        for member in members:
            by_key[member.name_key].append(member)
        matches = near_matches(list(by_key), [])
        candidates = [
            (a, b) for key, other in matches.items() for a in by_key[key] for b in by_key[other]
        ]
        candidates += [pair for same in by_key.values() for pair in combinations(same, 2)]
    pairs = {}
    for a, b in candidates:
        same_key = a.name_key == b.name_key
        if (same_key or close(a.name_key, b.name_key)) and not (unlike and unlike(a, b)):
            first, second = sorted((a, b), key=lambda r: r.pk)
            pairs[(first.pk, second.pk)] = Pair(kind, first, second)
    return list(pairs.values())


def _different_tax_codes(a, b) -> bool:
    """Two registered tax codes that differ are two legal persons, however alike the names."""
    return bool(a.tax_code and b.tax_code and a.tax_code != b.tax_code)


def _without_distinct(kind, pairs: list[Pair]) -> list[Pair]:
    if not pairs:
        return []
    ids = {p.first.pk for p in pairs}
    confirmed = set(
        DistinctPair.objects.filter(kind=kind, first_id__in=ids).values_list(
            "first_id", "second_id"
        )
    )
    return [p for p in pairs if (p.first.pk, p.second.pk) not in confirmed]


def find_pair(staff, kind: Kind, first_id: int, second_id: int) -> Pair | None:
    """The pair the desk offers for these ids, or None (not alike, not in the user's province,
    already confirmed as different, or one of them gone)."""
    low, high = sorted((first_id, second_id))
    rows = {r.pk: r for r in staff.scope(MODELS[kind].objects.filter(pk__in=[low, high]))}
    if low == high or len(rows) != 2:
        return None
    a, b = rows[low], rows[high]
    unlike = _different_tax_codes if kind == Kind.PRODUCER else None
    if _GROUP[kind](a) != _GROUP[kind](b) or not _alike_in(kind, [a, b], unlike):
        return None
    return next(iter(_without_distinct(kind, [Pair(kind, a, b)])), None)
