"""The letter's figures on a day (OCOP.md §2): one type, Figures, whoever counts them. The
database counts them (summarize), the pure rules of ocop.domain.status count them again
(Figures.from_rules, sharing no SQL with summarize), the appendix lists count them from their
rows (Figures.from_lists), the API's timeline adds them up day by day; `ocop summary --json`,
the API's /summary (whose schema is generated from this class) and the letter read them."""

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date

from django.db import connection
from django.db.models import Count, Q

from ocop.domain.figures_text import figures_sentence
from ocop.domain.names import vn_sort_key
from ocop.domain.status import DecisionFacts, Status, stars_on, status_on
from ocop.registry.models import Decision, Product

STARS = tuple(str(stars) for stars in Decision.Stars.values)


@dataclass(frozen=True)
class Figures:
    as_of: date
    valid_products: int
    # Every level, "3" to "5", zeros included: the JSON of `ocop summary` and of the API. Any
    # mapping of levels (int or str keys, levels without products left out) is accepted and
    # made into this one shape, so that figures counted two ways compare equal.
    valid_by_stars: dict[str, int]
    producers: int
    communes: int
    expired_products: int
    # None where the counting cannot know them: no appendix lists the revoked products.
    revoked_products: int | None = None
    # None until summarize(..., breakdowns=True) computes them: an empty dict would claim
    # "no valid product in any commune".
    by_commune: dict[str, int] | None = None
    by_group: dict[str, int] | None = None
    by_producer_type: dict[str, int] | None = None

    def __post_init__(self):
        counts = {str(stars): n for stars, n in self.valid_by_stars.items()}
        unknown = sorted(stars for stars, n in counts.items() if n and stars not in STARS)
        if unknown:
            raise ValueError(f"Hạng sao không có trong chương trình: {', '.join(unknown)}")
        levels = {stars: counts.get(stars, 0) for stars in STARS}
        object.__setattr__(self, "valid_by_stars", levels)

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
            self.revoked_products or 0,
        )

    @classmethod
    def from_lists(cls, valid, expired) -> "Figures":
        """Counted from the rows of the appendices (ocop.reports.lists.ProductList: `rows`
        with stars, producer_id and unit_id, and a length), which cannot know the revoked."""
        rows = valid.rows
        return cls(
            as_of=valid.as_of,
            valid_products=len(rows),
            valid_by_stars=Counter(row.stars for row in rows),
            producers=len({row.producer_id for row in rows}),
            communes=len({row.unit_id for row in rows}),
            expired_products=len(expired),
        )

    @classmethod
    def from_rules(cls, day: date, products) -> "Figures":
        """Counted by the pure rules of ocop.domain.status applied in Python to every
        product's decisions: the one count that shares no SQL with summarize()."""
        facts: dict[int, list[DecisionFacts]] = {}
        decisions = Decision.objects.filter(product__in=products.values("pk")).values_list(
            "pk", "product_id", "decided_on", "last_valid_day", "stars", "revoked_on"
        )
        for pk, product, decided_on, last_valid_day, stars, revoked_on in decisions:
            facts.setdefault(product, []).append(
                DecisionFacts(decided_on, last_valid_day, stars, revoked_on, order=pk)
            )
        status = {pk: status_on(own, day) for pk, own in facts.items()}
        valid = {pk for pk, s in status.items() if s == Status.VALID}
        where = list(products.filter(pk__in=valid).values_list("producer_id", "unit_id"))
        return cls(
            as_of=day,
            valid_products=len(valid),
            valid_by_stars=Counter(stars_on(facts[pk], day) for pk in valid),
            producers=len({producer for producer, _ in where}),
            communes=len({unit for _, unit in where}),
            expired_products=sum(s == Status.EXPIRED for s in status.values()),
            revoked_products=sum(s == Status.REVOKED for s in status.values()),
        )


def summarize(day: date, products=None, breakdowns: bool = False) -> Figures:
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
    extra = {}
    if breakdowns:
        extra = {
            "by_commune": _count_by(valid_products, "unit__name"),
            "by_group": _count_by(valid_products, "product_set__group"),
            "by_producer_type": _count_by(valid_products, "producer__kind"),
        }
    return Figures(
        as_of=day,
        valid_products=counts[Status.VALID],
        valid_by_stars={str(s): counts[s] for s in Decision.Stars.values},
        producers=heads["producers"],
        communes=heads["communes"],
        expired_products=counts[Status.EXPIRED],
        revoked_products=counts[Status.REVOKED],
        **extra,
    )


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
