"""The letter's figures on a day (OCOP.md §2), computed in the database."""

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date

from django.db import connection
from django.db.models import Count, Q

from ocop.domain.figures_text import figures_sentence
from ocop.domain.names import vn_sort_key
from ocop.domain.status import Status
from ocop.registry.models import Decision, Product


@dataclass
class Summary:
    as_of: date
    valid_products: int
    valid_by_stars: dict[str, int]
    producers: int
    communes: int
    expired_products: int
    revoked_products: int
    # None until summarize(..., breakdowns=True) computes them: an empty dict would claim
    # "no valid product in any commune".
    by_commune: dict[str, int] | None = None
    by_group: dict[str, int] | None = None
    by_producer_type: dict[str, int] | None = None

    def to_dict(self) -> dict:
        data = {key: value for key, value in asdict(self).items() if value is not None}
        data["as_of"] = self.as_of.isoformat()
        return data

    def sentence(self) -> str:
        """The figures as the letter words them (ocop.domain.figures_text)."""
        return figures_sentence(
            self.as_of,
            self.valid_products,
            self.valid_by_stars,
            self.producers,
            self.communes,
            self.expired_products,
            self.revoked_products,
        )


def summarize(day: date, products=None, breakdowns: bool = False) -> Summary:
    """`products` narrows the count (one province, one commune); all products by default.
    Counts through the statuses of the QuerySets (DecisionQuerySet.with_product_status, on
    each product's latest decision as of `day`, one row per product found by an index scan),
    which tests/test_status_sql.py checks against ocop.domain.status."""
    statuses = Decision.objects.with_product_status(day)
    if products is not None:
        statuses = statuses.filter(product__in=products.values("pk"))
    valid_products = (products if products is not None else Product.objects).valid_on(day)
    if connection.vendor == "postgresql":
        counts, heads = _counts_in_one_pass(statuses)
    else:
        counts, heads = _counts_in_two_passes(statuses, valid_products)
    summary = Summary(
        as_of=day,
        valid_products=counts[Status.VALID],
        valid_by_stars={str(s): counts[s] for s in Decision.Stars.values},
        producers=heads["producers"],
        communes=heads["communes"],
        expired_products=counts[Status.EXPIRED],
        revoked_products=counts[Status.REVOKED],
    )
    if breakdowns:
        summary.by_commune = _count_by(valid_products, "unit__name")
        summary.by_group = _count_by(valid_products, "product_set__group")
        summary.by_producer_type = _count_by(valid_products, "producer__kind")
    return summary


# The same counts in two shapes, because the two planners disagree on which is fast (make bench,
# 50,000 products): PostgreSQL joins and counts the distinct producers and communes in the one
# pass over the latest decisions (0.5x the hand-written floor, against 1.4x in two passes); SQLite
# is fastest with the distinct counts over the products (0.9x, against 1.5x in one pass).
def _counts_in_one_pass(statuses) -> tuple[Counter, dict]:
    rows = statuses.values("product_status").annotate(
        n=Count("pk"),
        producers=Count("product__producer", distinct=True),
        communes=Count("product__unit", distinct=True),
        **{f"stars_{s}": Count("pk", filter=Q(counted_stars=s)) for s in Decision.Stars.values},
    )
    counts, heads = Counter(), {"producers": 0, "communes": 0}
    for row in rows.order_by():
        counts[row["product_status"]] += row["n"]
        if row["product_status"] == Status.VALID:
            heads = {"producers": row["producers"], "communes": row["communes"]}
            counts.update({s: row[f"stars_{s}"] for s in Decision.Stars.values})
    return counts, heads


def _counts_in_two_passes(statuses, valid_products) -> tuple[Counter, dict]:
    counts = Counter()
    grouped = statuses.values_list("product_status", "counted_stars").annotate(n=Count("pk"))
    for status, stars, n in grouped.order_by():
        counts[status] += n
        counts[stars] += n if status == Status.VALID else 0
    heads = valid_products.aggregate(
        producers=Count("producer", distinct=True), communes=Count("unit", distinct=True)
    )
    return counts, heads


def _count_by(products, field_name: str) -> dict[str, int]:
    rows = products.values_list(field_name).annotate(n=Count("pk")).order_by()
    counts = {(key if key is not None else ""): n for key, n in rows}
    return {key: counts[key] for key in sorted(counts, key=vn_sort_key)}
