"""What the API computes once per registry version and keeps: the ordered rows of a list (every
page of it is then a slice) and the figures asked with a province or breakdowns, until the
registry changes or the day turns (ocop.shared.freshness), so no answer is ever staler than the
registry. Figures are small: kept in the shared cache, computed once for all server processes.
A list is read whole for every page of it, 50,000 rows: kept in each process's memory, where
reading it costs nothing, rather than fetched and unpickled from the cache on every request."""

from array import array

from django.utils import timezone

from ocop.shared import kept_values
from ocop.shared.freshness import Kept

# A list is at most one id per product (8 bytes each: 400 kB at 50,000 products).
_LISTS = Kept(size=32)


def kept(name: tuple, build):
    """The figures `build()` returns for `name`, kept for this registry version."""
    return kept_values.kept("figures", timezone.localdate(), name, build)


def ordered_ids(name: tuple, ids) -> array:
    """The ids `ids()` yields, in its order, kept for this registry version."""
    return _LISTS.get(timezone.localdate(), name, lambda: array("q", ids()))


def ordered_rows(name: tuple, rows) -> list[tuple]:
    """The rows `rows()` yields, in its order, kept for this registry version."""
    return _LISTS.get(timezone.localdate(), name, lambda: list(rows()))


def forget() -> None:
    _LISTS.clear()
