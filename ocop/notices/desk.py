"""What the expiry desk (/lam-viec/het-han/) shows: the products of a tab (running out within
30, 90 or 180 days, or expired and not re-evaluated), in the user's province, by commune,
with the reminders already sent and the state of the newest evaluation dossier."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from ocop.dossiers.models import Dossier
from ocop.notices.expiring import by_commune, expired, expiring
from ocop.notices.models import Reminder
from ocop.registry.models import Product, Unit

TABS = {"30": "Trong 30 ngày", "90": "Trong 90 ngày", "180": "Trong 180 ngày"}
EXPIRED = "het-han"
TABS[EXPIRED] = "Đã hết hạn, chưa đánh giá lại"
DEFAULT_TAB = "90"
ALL_COMMUNES = "tat-ca"
# A province has a few hundred products; a page beyond this is unreadable and slow (20,000
# generated products: 5.8 MB, 12 s), so it stops there and points to a commune or the export.
PAGE_LIMIT = 500


@dataclass
class Desk:
    tab: str
    commune: Unit | None  # None: every commune of the province
    today: date
    groups: list  # [(unit, [Expiry])]
    count: int
    shown: int = 0  # rows on the page: at most PAGE_LIMIT, the export has them all


def products_for(staff, commune: Unit | None):
    products = staff.scope(Product.objects.all())
    return products.filter(unit=commune) if commune is not None else products


def rows_for(tab: str, products, today: date) -> list:
    if tab == EXPIRED:
        rows = expired(products, today)
        rows.sort(key=lambda row: row.valid_until, reverse=True)
        return rows
    return expiring(products, today, int(tab))


def desk(staff, tab: str, commune: Unit | None, today: date, limit: int | None = None) -> Desk:
    rows = rows_for(tab, products_for(staff, commune), today)
    groups = by_commune(rows)
    if staff.commune_id is not None:  # a commune officer's own commune first
        groups.sort(key=lambda group: group[0].pk != staff.commune_id)
    if limit is not None and len(rows) > limit:
        groups = _first(groups, limit)
    shown = [row for _, members in groups for row in members]
    add_reminders(shown)
    add_dossiers(shown)
    return Desk(tab, commune, today, groups, len(rows), len(shown))


def _first(groups, limit: int) -> list:
    kept = []
    for unit, members in groups:
        if limit <= 0:
            break
        kept.append((unit, members[:limit]))
        limit -= len(members)
    return kept


def add_reminders(rows) -> None:
    """Each row's sent reminders of its current term, newest first."""
    by_key = {(row.product.pk, row.valid_until): row for row in rows}
    sent = Reminder.objects.filter(
        product__in=[row.product.pk for row in rows], notice__sent_at__isnull=False
    ).select_related("notice")
    for reminder in sent.order_by("-notice__sent_at", "recipient"):
        row = by_key.get((reminder.product_id, reminder.last_valid_day))
        if row is not None:
            row.reminders.append(reminder)


def add_dossiers(rows) -> None:
    """The state of each product's newest evaluation dossier (ocop.dossiers), with a link to
    it; "—" without one."""
    newest = Dossier.objects.latest_for([row.product.pk for row in rows])
    for row in rows:
        dossier = newest.get(row.product.pk)
        if dossier is not None:
            row.dossier = dossier.get_state_display()
            row.dossier_url = dossier.get_absolute_url()


def communes_for(staff) -> list[Unit]:
    """The communes a user may pick: those of their province that have a product."""
    units = Unit.objects.all()
    if staff.province_id is not None:
        units = units.filter(province_id=staff.province_id)
    return list(units.filter(products__isnull=False).distinct().order_by("sort_key", "name"))


def admin_url(product) -> str:
    return reverse("admin:registry_product_change", args=[product.pk])
