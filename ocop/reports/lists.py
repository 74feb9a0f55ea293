"""The rows of Phụ lục I (valid products), Phụ lục II (expired, not re-evaluated) and of the
expiring list, built only from the registry's QuerySets, and the letter's figures checked three
ways before any file is written: the SQL summary, the rows of the lists, and the pure rules of
ocop.domain.status applied in Python to every product's decisions (the one path that shares
no SQL with the other two)."""

from dataclasses import dataclass, field, replace
from datetime import date
from itertools import groupby

from ocop.domain.names import vn_sort_key
from ocop.registry.models import Decision, Product
from ocop.registry.printed import Printed
from ocop.registry.summary import Figures, summarize

# An issuing body the list did not write is marked in the lists and explained under the table.
PRESUMED_SIGN = "*"
PRESUMED_NOTE = (
    f"{PRESUMED_SIGN} Cơ quan ban hành được suy ra từ ngày quyết định, hạng sao và địa chỉ cũ "
    "vì danh sách gốc không ghi."
)
PRESUMED_COUNT = "Còn {count}/{total} quyết định có cơ quan ban hành chưa được cán bộ xác nhận."


@dataclass(frozen=True)
class Row:
    product: str
    producer: str
    unit: str  # the current commune/ward, "Xã Bum Tở"
    stars: int
    decision_number: str
    decided_on: date
    issuer: str
    last_valid_day: date
    product_id: int
    producer_id: int
    unit_id: int
    unit_name: str
    number: int = 0
    representative: str = ""
    phone: str = ""
    email: str = ""
    producer_address: str = ""
    issuer_presumed: bool = False
    # The product's address as written (else its producer's): the commune is the group heading.
    address: str = ""

    @property
    def issuer_shown(self) -> str:
        marked = self.issuer and self.issuer_presumed
        return f"{self.issuer}{PRESUMED_SIGN}" if marked else self.issuer


@dataclass
class Group:
    unit: str
    rows: list[Row]


@dataclass
class ProductList:
    title: str
    as_of: date
    groups: list[Group] = field(default_factory=list)

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]

    def __len__(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def presumed_count(self) -> int:
        """How many rows print an issuer nobody has confirmed yet."""
        return sum(bool(row.issuer_presumed and row.issuer) for row in self.rows)

    @property
    def presumed_note(self) -> str:
        """The note under the table when some issuer is marked as presumed, with how many of
        them remain to be confirmed; "" when none."""
        count = self.presumed_count
        if not count:
            return ""
        return f"{PRESUMED_NOTE} {PRESUMED_COUNT.format(count=count, total=len(self))}"


class FiguresMismatch(Exception):
    """The lists and the registry's figures disagree: no file may be written."""


VALID_TITLE = "DANH SÁCH SẢN PHẨM OCOP CÒN HIỆU LỰC"
EXPIRED_TITLE = "DANH SÁCH SẢN PHẨM OCOP ĐÃ HẾT THỜI HẠN CÔNG NHẬN, CHƯA ĐƯỢC ĐÁNH GIÁ LẠI"
EXPIRING_TITLE = "DANH SÁCH SẢN PHẨM OCOP SẮP HẾT THỜI HẠN CÔNG NHẬN"


def valid_list(day: date, products) -> ProductList:
    """Phụ lục I: each valid product with the latest decision valid on `day` (its stars)."""
    decisions = Decision.objects.latest_valid_on(day).filter(
        product__in=products.valid_on(day).values("pk")
    )
    return ProductList(VALID_TITLE, day, grouped(_rows(decisions)))


def expired_list(day: date, products) -> ProductList:
    """Phụ lục II: each expired product with its latest decision as of `day`."""
    decisions = Decision.objects.latest_by(day).filter(
        product__in=products.expired_on(day).values("pk")
    )
    return ProductList(EXPIRED_TITLE, day, grouped(_rows(decisions)))


def expiring_list(start: date, end: date, products) -> ProductList:
    """Products whose recognition runs out between `start` and `end`, as known on `start`
    (Product.objects.expiring_between, the rule the expiry desk and the reminders ask too),
    with the decision that sets that last day and the producer's contacts, for re-evaluation
    reminders."""
    ending = products.expiring_between(start, end).values("ending_decision")
    rows = _rows(Decision.objects.filter(pk__in=ending), contacts=True)
    return ProductList(EXPIRING_TITLE, start, grouped(rows))


def _rows(decisions, contacts: bool = False) -> list[Row]:
    decisions = list(
        decisions.select_related("product__producer__unit", "product__unit__province").order_by()
    )
    printed = Printed(decision.product for decision in decisions)
    return [_row(decision, contacts, printed) for decision in decisions]


def _row(decision: Decision, contacts: bool, printed: Printed) -> Row:
    """Names, addresses and issuers in their printed form (ocop.registry.printed); the stored
    ones, as typed, stay in the registry."""
    product, producer = decision.product, decision.product.producer
    extra = {}
    if contacts:
        extra = {
            "representative": producer.representative,
            "phone": producer.phone,
            "email": producer.email,
            "producer_address": printed.producer_address(producer),
        }
    issuer, presumed = printed.issuer(decision)
    return Row(
        product=printed.product(product),
        producer=printed.producer(producer),
        unit=str(product.unit),
        stars=decision.stars,
        decision_number=decision.number,
        decided_on=decision.decided_on,
        issuer=issuer,
        issuer_presumed=presumed,
        address=printed.address(product),
        last_valid_day=decision.last_valid_day,
        product_id=product.pk,
        producer_id=producer.pk,
        unit_id=product.unit_id,
        unit_name=product.unit.name,
        **extra,
    )


def grouped(rows: list[Row]) -> list[Group]:
    """Groups by current commune/ward, in Vietnamese order of the unit's name; rows by product
    name, then producer, in Vietnamese order; numbered 1..n across the groups."""
    rows = sorted(rows, key=_order)
    numbered = [replace(row, number=n) for n, row in enumerate(rows, start=1)]
    return [
        Group(unit=members[0].unit, rows=members)
        for members in (list(g) for _, g in groupby(numbered, key=lambda row: row.unit_id))
    ]


def _order(row: Row) -> tuple:
    return (
        vn_sort_key(row.unit_name),
        vn_sort_key(row.unit),
        row.unit_id,
        vn_sort_key(row.product),
        vn_sort_key(row.producer),
        row.product_id,
    )


@dataclass
class Lists:
    """Both appendices with the figures of the letter, checked against each other."""

    figures: Figures
    valid: ProductList
    expired: ProductList


def checked_lists(day: date, products=None) -> Lists:
    """Build both lists and recompute the letter's figures from them; a difference with the
    registry's summary is an error, so that a file never says two things."""
    products = products if products is not None else Product.objects.all()
    figures = summarize(day, products)
    valid, expired = valid_list(day, products), expired_list(day, products)
    check(figures, Figures.from_lists(valid, expired), "danh sách")
    check(figures, Figures.from_rules(day, products), "quy tắc")
    return Lists(figures, valid, expired)


def check(expected: Figures, recomputed: Figures, source: str = "danh sách") -> None:
    differences = [
        f"{name}: số liệu {getattr(expected, name)}, {source} {getattr(recomputed, name)}"
        for name in expected.__dataclass_fields__
        if getattr(recomputed, name) is not None
        and getattr(expected, name) != getattr(recomputed, name)
    ]
    if differences:
        raise FiguresMismatch(
            "Số liệu của công văn không khớp với danh sách kèm theo; không ghi tệp. "
            + "; ".join(differences)
        )
