"""The products whose recognition runs out soon or ran out, as the expiry desk and
`ocop remind` read them: the registry's querysets decide (expiring_between, expired_on,
with_ending_decision, the decision that ends on that day included); this module only reads
those rows with the producer's contacts and the commune, in one query each."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from ocop.registry.models import Decision, Product
from ocop.registry.printed import Printed


@dataclass
class Expiry:
    product: Product
    decision: Decision | None
    valid_until: date
    today: date
    reminders: list = field(default_factory=list)
    dossier: str = "—"
    dossier_url: str = ""
    # As the registry prints them (ocop.registry.printed, issue 19); the stored ones are typed.
    product_name: str = ""
    producer_name: str = ""
    producer_address: str = ""

    @property
    def days_left(self) -> int:
        return (self.valid_until - self.today).days

    @property
    def left_text(self) -> str:
        days = self.days_left
        if days > 0:
            return f"còn {days} ngày"
        return "hôm nay là ngày cuối" if days == 0 else f"đã hết hạn {-days} ngày"

    @property
    def producer(self):
        return self.product.producer

    @property
    def contacts(self) -> str:
        """The producer's phone, e-mail and address, those known, on one line."""
        producer = self.producer
        return ", ".join(
            part for part in (producer.phone, producer.email, self.producer_address) if part
        )

    @property
    def unit(self):
        return self.product.unit


def expiring(products, today: date, days: int) -> list[Expiry]:
    """Recognitions in force today whose last valid day is within `days` days (today
    included), soonest first."""
    return _with_decisions(products.expiring_between(today, today + timedelta(days=days)), today)


def expired(products, today: date) -> list[Expiry]:
    """Expired today and not re-evaluated (OCOP.md §2 "hết thời hạn, chưa đánh giá lại"),
    the most recently expired first."""
    return _with_decisions(products.expired_on(today).with_ending_decision(today), today)


def _with_decisions(products, today: date) -> list[Expiry]:
    rows = list(
        products.select_related("producer__unit", "unit__province").order_by(
            "valid_until", "sort_key"
        )
    )
    ending = Decision.objects.in_bulk([p.ending_decision for p in rows if p.ending_decision])
    printed = Printed(rows)
    return [
        Expiry(
            p,
            ending.get(p.ending_decision),
            p.valid_until,
            today,
            product_name=printed.product(p),
            producer_name=printed.producer(p.producer),
            producer_address=printed.producer_address(p.producer),
        )
        for p in rows
        if p.valid_until is not None
    ]


def by_commune(rows: list[Expiry]) -> list[tuple]:
    """[(unit, [rows])], communes in Vietnamese dictionary order (Unit.sort_key)."""
    groups: dict = {}
    for row in rows:
        groups.setdefault(row.unit, []).append(row)
    return sorted(groups.items(), key=lambda item: (item[0].sort_key, item[0].name))
