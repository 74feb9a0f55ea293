"""The public search page /san-pham/ (English: /en/san-pham/)."""

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
    search,
)
from ocop.catalog.views import public_url
from ocop.shared.caching import public_page
from ocop.shared.kept_pages import kept_page

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


@require_safe
@public_page
@kept_page
def products(request):
    today = timezone.localdate()
    criteria = Criteria.from_query(request.GET, today)
    found = search(criteria, today)
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
