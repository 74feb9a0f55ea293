"""The public search page /san-pham/ (English: /en/san-pham/)."""

from dataclasses import replace

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from ocop.catalog.pages import PRODUCER_TYPES
from ocop.catalog.product_search import (
    DEFAULT_STATUS,
    FACETS,
    PER_PAGE,
    STATUSES,
    Criteria,
    Found,
    matching_products,
    search,
)
from ocop.catalog.standings import standings
from ocop.catalog.views import public_url
from ocop.shared.caching import public_page
from ocop.shared.kept_pages import kept_page, kept_response

# The filters' headings and the choices of the status filter (address parameters as keys).
LEGENDS = {
    "sao": _("Hạng sao"),
    "bo": _("Bộ sản phẩm"),
    "xa": _("Xã, phường"),
    "loai": _("Loại hình chủ thể"),
}
STATUS_CHOICES = {
    "tat-ca": _("Tất cả"),
    "con-hieu-luc": _("Còn hiệu lực"),
    "het-han": _("Hết hiệu lực"),
    "thu-hoi": _("Đã bị thu hồi"),
}


# Searches matching at most this many products are kept by those products' versions first
# (one small read, no search); more, or no words typed, go straight to what the page shows.
CANDIDATES_KEPT = 1000


@require_safe
@public_page
@kept_page
def products(request):
    """Kept for the registry's version, so a page asked again before the next write costs a
    read of the version. Once a write has moved the version, kept by the versions of the
    products the words typed match (every count and line of the page comes from them): a write
    to another product leaves the page as it is without searching again. Else the search runs
    again (a few ms), and the page is rendered again only if the write changed a product it
    lists or one of its counts."""
    day = timezone.localdate()
    criteria = Criteria.from_query(request.GET, day)
    seen = standings(day).seen  # before the search: the page is then no older than this
    if seen is None:
        return _searched(request, criteria, day, None)
    matched, corrected = matching_products(criteria.q)
    # Nothing matched: a page that finds nothing may suggest other words and count what they
    # find, beyond these products.
    if not matched or len(matched) > CANDIDATES_KEPT:
        return _searched(request, criteria, day, seen.version)
    return kept_response(
        "page",
        request,
        _searched,
        criteria,
        day,
        seen.version,
        shown=(matched, seen.version),
        shows=(corrected,),
    )


def _searched(request, criteria: Criteria, day, version: str | None):
    found = search(criteria, day)
    if version is None:
        return _page(request, criteria, found)
    listed = [result.product.pk for result in found.results]
    return kept_response(
        "page", request, _page, criteria, found, shown=(listed, version), shows=_shows(found)
    )


def _shows(found: Found) -> tuple:
    """What the page shows besides its products' own words: its counts, facets (their labels
    are communes and product sets, "any product"), and each listed product's place and stars."""
    listed = tuple((r.product.pk, r.stars, r.verdict) for r in found.results)
    return (repr(replace(found, results=[])), listed)


def _page(request, criteria: Criteria, found: Found):
    today = timezone.localdate()
    path = reverse("search")
    page = min(criteria.page, found.pages)
    context = {
        "criteria": criteria,
        "found": found,
        "page": page,
        "first_number": (page - 1) * PER_PAGE + 1,
        "statuses": [
            (key, STATUS_CHOICES[key], _status_count(found, key)) for key in STATUS_CHOICES
        ],
        "facets": [_facet(name, found.facets[name]) for name in FACETS],
        "pages": _pages(criteria, path, page, found.pages),
        "relevance_url": criteria.url(path, sort="", page=1),
        "name_url": criteria.url(path, sort="ten", page=1),
        "filtered": bool(criteria.chosen) or criteria.status != DEFAULT_STATUS,
        "clear_url": Criteria(q=criteria.q, day=criteria.day).url(path),
        "all_url": Criteria(day=criteria.day).url(path),
        "day": criteria.day,
        "future": criteria.day is not None and criteria.day > today,
        "today_url": replace_day(criteria, path),
        "suggestions": [
            (words, count, Criteria(q=words, day=criteria.day).url(path))
            for words, count in found.suggestions
        ],
        "canonical": public_url(request, criteria.url(path, page=page)),
    }
    return render(request, "catalog/search.html", context)


def _status_count(found, key: str) -> int:
    if STATUSES[key] is None:
        return sum(found.statuses.values())
    return found.statuses.get(key, 0)


def replace_day(criteria: Criteria, path: str) -> str | None:
    """The same search as of today, when the page shows another day."""
    return criteria.url(path, day=None, page=1) if criteria.day else None


def _facet(name: str, values) -> dict:
    def label(value) -> str:
        if name == "sao":
            return ngettext("%(n)s sao", "%(n)s sao", value.label) % {"n": value.label}
        if name == "loai":
            return str(PRODUCER_TYPES[value.value])
        return value.label.name if name == "bo" else str(value.label)

    return {"name": name, "legend": LEGENDS[name], "values": [(v, label(v)) for v in values]}


def _pages(criteria: Criteria, path: str, page: int, pages: int) -> dict:
    """Links to the first, last, previous, next and nearby pages, each a stable address."""
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    return {
        "previous": criteria.url(path, page=page - 1) if page > 1 else None,
        "next": criteria.url(path, page=page + 1) if page < pages else None,
        "numbers": [(n, criteria.url(path, page=n), n == page) for n in shown],
    }
