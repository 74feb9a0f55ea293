"""The letter's figures on a day (OCOP.md §2), computed in the database."""

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date

from django.db.models import Count

from ocop.domain.dates import format_date
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
        """The figures as the letter words them."""
        stars = [
            f"{n} sản phẩm {s} sao"
            for s, n in sorted(self.valid_by_stars.items(), reverse=True)
            if n
        ]
        breakdown = f" (trong đó {', '.join(stars)})" if stars else ""
        return (
            f"Tính đến ngày {format_date(self.as_of)}, có {self.valid_products} sản phẩm OCOP "
            f"còn hiệu lực{breakdown} của {self.producers} chủ thể tại {self.communes} xã, phường; "
            f"{self.expired_products} sản phẩm đã hết thời hạn công nhận và chưa được đánh giá lại"
            + revoked_clause(self.revoked_products)
            + "."
        )


def revoked_clause(revoked_products: int) -> str:
    """How every sentence of figures (home page, `ocop summary`, the letter) names the revoked
    products; nothing when there are none."""
    return f"; {revoked_products} sản phẩm bị thu hồi" if revoked_products else ""


def summarize(day: date, products=None, breakdowns: bool = False) -> Summary:
    """`products` narrows the count (one province, one commune); all products by default.
    Counts through the statuses of the QuerySets (DecisionQuerySet.with_product_status, on
    each product's latest decision as of `day`, one row per product found by an index scan),
    which tests/test_status_sql.py checks against ocop.domain.status."""
    statuses = Decision.objects.with_product_status(day)
    if products is not None:
        statuses = statuses.filter(product__in=products.values("pk"))
    counts = Counter()
    for status, stars, n in statuses.values_list("product_status", "counted_stars").annotate(
        n=Count("pk")
    ):
        counts[status] += n
        counts[stars] += n if status == Status.VALID else 0
    valid_products = (products if products is not None else Product.objects).valid_on(day)
    heads = valid_products.aggregate(
        producers=Count("producer", distinct=True), communes=Count("unit", distinct=True)
    )
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


def _count_by(products, field_name: str) -> dict[str, int]:
    rows = products.values_list(field_name).annotate(n=Count("pk")).order_by()
    counts = {(key if key is not None else ""): n for key, n in rows}
    return {key: counts[key] for key in sorted(counts, key=vn_sort_key)}
