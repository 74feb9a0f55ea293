"""The place names a province's registry knows (its communes and wards, the old communes and
districts merged into them, the province itself), which display names always capitalise
(ocop.domain.display)."""

from collections.abc import Iterable
from functools import lru_cache

from ocop.domain.address_text import PlaceBook
from ocop.registry.models import OldUnit, Province, Unit
from ocop.registry.reference import data_file, read_csv


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


def place_book(provinces: Iterable[int]) -> PlaceBook:
    """The unit tables' spellings, for addresses as places are written
    (ocop.domain.address_text)."""
    return PlaceBook.of(place_names(provinces))


def proper_names(provinces: Iterable[int]) -> frozenset[str]:
    """What product names capitalise: the place names, and the proper names the department's
    known products write in capitals ("Séng Cù" of "Gạo Séng Cù", "Sì Thâu Chải")."""
    return place_names(provinces) | known_product_names()


@lru_cache(maxsize=1)
def known_product_names() -> frozenset[str]:
    """Runs of two or more capitalised syllables after the first word of a known product's
    name; single words are left out ("Olong"), they are too often a common word elsewhere."""
    found = set()
    for row in read_csv(data_file("laichau_known_products.csv")):
        words = row["product_name"].split()[1:]
        run: list[str] = []
        for word in [*words, ""]:
            if word[:1].isupper() and not word[1:].isupper():
                run.append(word)
                continue
            found.update(
                " ".join(run[i:j]) for i in range(len(run)) for j in range(i + 2, len(run) + 1)
            )
            run = []
    return frozenset(found)
