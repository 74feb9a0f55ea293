"""The public pages for finding and promoting products: the home page, a product's page, a
producer's and a commune's, in Vietnamese and under /en/ in English (the active language)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ocop.catalog.models import PointOfSale
from ocop.catalog.verification import judge
from ocop.domain.dates import asked_day, format_date
from ocop.domain.producers import ProducerType
from ocop.domain.slugs import slug
from ocop.domain.status import Status, status_on
from ocop.registry.models import Decision, Producer, Product, ProductSet, Unit
from ocop.registry.printed import Printed
from ocop.registry.querysets import not_revoked_by
from ocop.registry.summary import summarize
from ocop.shared.caching import public_page
from ocop.shared.kept_pages import kept_page
from ocop.shared.public_url import public_url

FEATURED = 8
NEWEST = 6

# A product's standing today, as ocop.domain.status names it (its labels are Vietnamese: the
# domain imports no Django); tests/test_public_pages.py keeps the two the same.
STATUS_WORDS = {
    Status.VALID: _("Còn hiệu lực"),
    Status.EXPIRED: _("Hết thời hạn, chưa đánh giá lại"),
    Status.REVOKED: _("Đã thu hồi"),
    Status.NOT_RECOGNISED: _("Chưa được công nhận"),
}

# Producer types, as ocop.domain.producers names them (by the same test kept the same).
PRODUCER_TYPES = {
    ProducerType.COOPERATIVE: _("Hợp tác xã"),
    ProducerType.COMPANY: _("Công ty"),
    ProducerType.HOUSEHOLD: _("Hộ kinh doanh"),
    ProducerType.COOPERATIVE_GROUP: _("Tổ hợp tác"),
    ProducerType.OTHER: _("Khác"),
}

# One decision's own standing in a product's history (ocop.domain.status on that decision).
DECISION_STATE = {
    Status.VALID: _("Đang có hiệu lực"),
    Status.EXPIRED: _("Đã hết hạn"),
    Status.REVOKED: _("Đã bị thu hồi"),
    Status.NOT_RECOGNISED: _("Chưa có hiệu lực"),
}


def _asked_day(request) -> date:
    """The day of ?ngay= (dd/mm/yyyy or ISO), today when none or unreadable: every public
    page shows the registry as of the day its links carry."""
    return asked_day(request.GET.get("ngay"), timezone.localdate())[0]


def day_links(day: date, today: date) -> dict:
    """What links from a page of `day` add to their address to stay on that day: nothing
    for today. `day_query` starts a query, `day_param` follows another parameter."""
    if day == today:
        return {"day_query": "", "day_param": ""}
    typed = format_date(day)
    return {"day_query": f"?ngay={typed}", "day_param": f"&ngay={typed}"}


def _render(request, template, name, args, context, status=200):
    """A page with its canonical address (the URL name `name` with `args`)."""
    context = {"canonical": public_url(request, reverse(name, args=args)), **context}
    return render(request, template, context, status=status)


@require_safe
@public_page
@kept_page
def home(request):
    """Today's figures (or those of ?ngay=, dd/mm/yyyy or ISO), products to discover, ways to
    browse."""
    today = timezone.localdate()
    day, error = asked_day(request.GET.get("ngay"), today)
    summary = summarize(day)
    context = {
        "summary": summary,
        "day": day,
        "today": today,
        "error": error,
        "typed_day": request.GET.get("ngay", format_date(day)) if error else format_date(day),
        "future": day > today,
        "featured": featured(day),
        "newest": _newest(day),
        "communes": _communes(day),
        "groups": _groups(day),
        **day_links(day, today),
        "stars": [5, 4, 3],
        # The letter's own wording of the figures (ocop.domain.figures_text) is Vietnamese
        # only: the English page has the figures' cards alone.
        "sentence": summary.sentence() if translation.get_language() == "vi" else "",
    }
    return _render(request, "catalog/pages/home.html", "home", [], context, 400 if error else 200)


def featured(day: date) -> list[Product]:
    """The 4- and 5-star products the home page shows first (and the demo gives photos)."""
    products = (
        Product.objects.with_stars_on(day)
        .filter(stars_on__gte=4)
        .select_related("producer", "unit", "product_set")
        .prefetch_related("photos")
        .order_by("-stars_on", "sort_key", "pk")
    )
    return list(products[:FEATURED])


def _newest(day: date) -> list[Decision]:
    decisions = (
        Decision.objects.signed_by(day)
        .filter(not_revoked_by(day))
        .select_related("product__producer", "product__unit")
        .order_by("-decided_on", "-pk")
    )
    return list(decisions[:NEWEST])


def _communes(day: date):
    """Communes and wards of the province with products valid on `day`, in dictionary order."""
    valid = Product.objects.valid_on(day).filter(unit__province__code=settings.OCOP_PROVINCE)
    return (
        valid.values("unit__code", "unit__kind", "unit__name", "unit__sort_key")
        .annotate(n=Count("pk"))
        .order_by("unit__sort_key")
    )


def _groups(day: date):
    """Product sets with products valid on `day`, the largest first: the search's `bo` facet."""
    valid = Product.objects.valid_on(day)
    return (
        ProductSet.objects.filter(products__in=valid)
        .annotate(n=Count("products"))
        .order_by("-n", "number")
    )


@dataclass(frozen=True)
class HistoryLine:
    decision: Decision
    state: str
    status: Status


@require_safe
@public_page
@kept_page(product="pk")
def product_page(request, pk: int, slug_typed: str = ""):
    """A product: photos, description, producer, where to buy, its recognitions and today's
    verdict (the same words as /xac-minh/). A wrong or missing slug redirects to the right one.
    It shows this product alone (its producer, commune and shops with it): kept until this
    product, or "any product", changes."""
    product = get_object_or_404(
        Product.objects.select_related("producer__unit__province", "unit__province", "product_set"),
        pk=pk,
    )
    if slug_typed != slug(product.name):
        return redirect(product.get_public_url(), permanent=True)
    decisions = list(product.decisions.order_by("decided_on", "pk"))
    if not decisions:
        raise Http404
    day = _asked_day(request)
    standing, said = judge(decisions, day)
    # The code to check: the decision in force, else the latest signed (else one to come).
    facts = standing.in_force or standing.latest
    photos = list(product.photos.all())
    shown = next((d for d in decisions if facts and d.pk == facts.order), decisions[-1])
    printed = Printed([product], namesakes=False)
    context = {
        "product": product,
        "printed": _printed_forms(printed, product),
        "day": day,
        **day_links(day, timezone.localdate()),
        "verdict": said,
        "stars": standing.in_force.stars if standing.in_force else None,
        "code": shown.public_code,
        "verify_url": reverse("verify", args=[shown.public_code]),
        "qr_svg": reverse("qr_svg", args=[shown.public_code]),
        "history": [_history_line(d, day) for d in reversed(decisions)],
        "photos": photos,
        "shops": list(
            PointOfSale.objects.filter(Q(product=product) | Q(producer=product.producer_id))
        ),
        "og_image": public_url(request, photos[0].image.url) if photos else "",
    }
    args = [product.pk, slug(product.name)]
    return _render(request, "catalog/pages/product.html", "product_page", args, context)


def _printed_forms(printed: Printed, product: Product) -> dict[str, str]:
    """Names and addresses as the lists print them (ocop.registry.printed): places as places
    are written, the producer by the rule for organisation names; what is stored is unchanged."""
    return {
        "name": printed.product(product),
        "producer": printed.producer(product.producer),
        "address": printed.written(product.address),
        "producer_address": printed.written(product.producer.address),
    }


def _history_line(decision: Decision, day: date) -> HistoryLine:
    status = status_on([decision.facts()], day)
    return HistoryLine(decision, DECISION_STATE[status], status)


def _with_status(products, day: date) -> list[Product]:
    rows = list(
        products.with_status_on(day)
        .with_stars_on(day)
        .select_related("producer", "unit", "product_set")
        .prefetch_related("photos")
        .order_by("sort_key", "pk")
    )
    for product in rows:
        status = Status(product.status_on)
        product.status_words = STATUS_WORDS[status]
    return rows


@require_safe
@public_page
@kept_page
def producer_page(request, pk: int):
    producer = get_object_or_404(Producer.objects.select_related("unit__province"), pk=pk)
    day = _asked_day(request)
    products = _with_status(producer.products.filter(decisions__isnull=False).distinct(), day)
    printed = Printed([product for product in products], namesakes=False) if products else None
    context = {
        "producer": producer,
        "printed": {
            "name": printed.producer(producer) if printed else producer.name,
            "address": printed.written(producer.address) if printed else producer.address,
        },
        "day": day,
        **day_links(day, timezone.localdate()),
        "products": products,
        "shops": list(producer.points_of_sale.all()),
        "valid_count": sum(p.status_on == Status.VALID for p in products),
    }
    return _render(request, "catalog/pages/producer.html", "producer_page", [pk], context)


@require_safe
@public_page
@kept_page
def commune_page(request, code: str):
    unit = get_object_or_404(Unit.objects.select_related("province"), code=code)
    day = _asked_day(request)
    products = _with_status(unit.products.filter(decisions__isnull=False).distinct(), day)
    context = {
        "unit": unit,
        "day": day,
        **day_links(day, timezone.localdate()),
        "products": products,
        "valid_count": sum(p.status_on == Status.VALID for p in products),
    }
    return _render(request, "catalog/pages/commune.html", "commune_page", [code], context)


@require_safe
@public_page
def about(request):
    """What OCOP is, what the stars mean, how to read a verdict, and the site's statements on
    privacy and accessibility (the footer links to them)."""
    return _render(request, "catalog/pages/about.html", "about", [], {})
