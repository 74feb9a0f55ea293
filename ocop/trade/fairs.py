"""Which trade fairs a product's public page shows: those still to come or under way, and
those that ended within the last year."""

from datetime import date, timedelta

from ocop.trade.models import TradeFair

RECENT = timedelta(days=365)
SHOWN = 5


def fairs_of(product_id: int, day: date) -> tuple[list[TradeFair], list[TradeFair]]:
    """(upcoming or under way on `day`, soonest first; ended within a year, latest first)."""
    fairs = TradeFair.objects.filter(products=product_id, ends_on__gte=day - RECENT)
    upcoming = fairs.filter(ends_on__gte=day).order_by("starts_on", "pk")[:SHOWN]
    recent = fairs.filter(ends_on__lt=day).order_by("-ends_on", "pk")[:SHOWN]
    return list(upcoming), list(recent)
