"""The place names a province's registry knows (its communes and wards, the old communes and
districts merged into them, the province itself), which display names always capitalise
(ocop.domain.display)."""

from collections.abc import Iterable

from ocop.registry.models import OldUnit, Province, Unit


def place_names(provinces: Iterable[int]) -> frozenset[str]:
    """Of the provinces with these ids."""
    ids = list(provinces)
    names = set(Unit.objects.filter(province__in=ids).values_list("name", flat=True))
    old = OldUnit.objects.filter(province__in=ids).values_list("name", "district")
    names.update(name for pair in old for name in pair)
    names.update(Province.objects.filter(pk__in=ids).values_list("name", flat=True))
    return frozenset(filter(None, names))


def place_names_of_units(unit_ids: Iterable[int]) -> frozenset[str]:
    """Of the provinces these units belong to."""
    provinces = Unit.objects.filter(pk__in=list(unit_ids)).values_list("province", flat=True)
    return place_names(set(provinces))
