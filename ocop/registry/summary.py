"""The letter's figures on a day (OCOP.md §2), computed in the database."""

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from ocop.domain.dates import format_date
from ocop.domain.names import vn_sort_key
from ocop.registry.models import Decision, Product
from ocop.registry.querysets import not_revoked_by, valid_q


@dataclass
class Summary:
    as_of: date
    valid_products: int
    valid_by_stars: dict[str, int]
    producers: int
    communes: int
    expired_products: int
    revoked_products: int
    by_commune: dict[str, int] = field(default_factory=dict)
    by_group: dict[str, int] = field(default_factory=dict)
    by_producer_type: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = asdict(self)
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
            + (f"; {self.revoked_products} sản phẩm bị thu hồi" if self.revoked_products else "")
            + "."
        )


def summarize(day: date, products=None, breakdowns: bool = False) -> Summary:
    """`products` narrows the count (one province, one commune); all products by default.
    Works on each product's latest decision as of `day`, one row per product found by an
    index scan; the statuses agree with ProductQuerySet and ocop.domain.status
    (tests/test_status_sql.py)."""
    latest = Decision.objects.latest_by(day)
    if products is not None:
        latest = latest.filter(product__in=products.values("pk"))
    revived = dict(_revived(latest, day).values_list("pk", "older_stars"))
    valid = latest.filter(valid_q(day) | Q(pk__in=list(revived)))
    valid_products = Product.objects.filter(pk__in=valid.values("product"))
    heads = valid_products.aggregate(
        n=Count("pk"),
        producers=Count("producer", distinct=True),
        communes=Count("unit", distinct=True),
    )
    by_stars = Counter(dict(latest.filter(valid_q(day)).values_list("stars").annotate(Count("pk"))))
    by_stars.update(revived.values())
    others = latest.exclude(valid_q(day)).aggregate(
        expired=Count("pk", filter=not_revoked_by(day)),
        revoked=Count("pk", filter=Q(revoked_on__lte=day)),
    )
    summary = Summary(
        as_of=day,
        valid_products=heads["n"],
        valid_by_stars={str(s): by_stars[s] for s in Decision.Stars.values},
        producers=heads["producers"],
        communes=heads["communes"],
        expired_products=others["expired"],
        revoked_products=others["revoked"] - len(revived),
    )
    if breakdowns:
        summary.by_commune = _count_by(valid_products, "unit__name")
        summary.by_group = _count_by(valid_products, "product_set__group")
        summary.by_producer_type = _count_by(valid_products, "producer__kind")
    return summary


def _revived(latest, day: date):
    """Latest decisions revoked by `day` whose product an earlier decision still keeps valid
    (OCOP.md §2: the product is valid, with that decision's stars). Rare, so they are fetched
    once and named by id rather than tested on every row."""
    still_valid = Decision.objects.valid_on(day).filter(product=OuterRef("product"))
    older_stars = still_valid.order_by("-decided_on", "-pk").values("stars")[:1]
    return (
        latest.filter(revoked_on__lte=day)
        .filter(Exists(still_valid))
        .annotate(older_stars=Subquery(older_stars))
    )


def _count_by(products, field_name: str) -> dict[str, int]:
    rows = products.values_list(field_name).annotate(n=Count("pk")).order_by()
    counts = {(key if key is not None else ""): n for key, n in rows}
    return {key: counts[key] for key in sorted(counts, key=vn_sort_key)}
