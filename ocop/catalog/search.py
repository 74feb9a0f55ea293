"""The check form's search by product name: accent-free, as the admin's search
(ocop.registry.search), each product with today's verdict and a link to its latest code."""

from dataclasses import dataclass
from datetime import date

from ocop.catalog.verification import judge
from ocop.domain.verdict import Verdict
from ocop.registry.models import Product
from ocop.registry.search import matching

LIMIT = 20


@dataclass(frozen=True)
class Result:
    product: Product
    code: str
    verdict: Verdict


def search(typed: str, day: date) -> tuple[list[Result], bool]:
    """Products whose name (or producer's name) holds every word typed, in dictionary order;
    and whether there were more than LIMIT."""
    products = (
        Product.objects.filter(matching(typed, ["search_key", "producer__search_key"]))
        .filter(decisions__isnull=False)
        .distinct()
        .select_related("producer", "unit")
        .prefetch_related("decisions")
        .order_by("sort_key", "name", "pk")
    )
    found = list(products[: LIMIT + 1])
    results = [_result(product, day) for product in found[:LIMIT]]
    return results, len(found) > LIMIT


def _result(product: Product, day: date) -> Result:
    decisions = sorted(product.decisions.all(), key=lambda d: (d.decided_on, d.pk))
    standing, said = judge(decisions, day)
    shown = next((d for d in decisions if standing.latest and d.pk == standing.latest.order), None)
    return Result(product, (shown or decisions[-1]).public_code, said)
