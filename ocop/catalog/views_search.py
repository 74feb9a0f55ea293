"""The public search page /san-pham/ (English: /en/san-pham/)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from ocop.catalog.product_search import FACETS, PER_PAGE, STATUSES, Criteria, search
from ocop.catalog.search_texts import PRODUCER_TYPES_EN, SEARCH_TEXTS
from ocop.catalog.texts import TEXTS
from ocop.catalog.views import public_url
from ocop.shared.caching import public_page
from ocop.shared.kept_pages import kept_page


@require_safe
@public_page
@kept_page
def products(request, lang="vi"):
    criteria = Criteria.from_query(request.GET)
    found = search(criteria, timezone.localdate(), lang)
    path = reverse("search" if lang == "vi" else "search_en")
    page = min(criteria.page, found.pages)
    words = {"q": criteria.q, "total": found.total, "pages": found.pages, "page": page, "n": "{n}"}
    words_here = {key: text.format(**words) for key, text in SEARCH_TEXTS[lang].items()}
    context = {
        "lang": lang,
        "t": {**TEXTS[lang], **words_here},
        "criteria": criteria,
        "found": found,
        "page": page,
        "first_number": (page - 1) * PER_PAGE + 1,
        "statuses": [(key, words_here[key], found.statuses.get(key)) for key in STATUSES],
        "facets": [_facet(name, found.facets[name], words_here, lang) for name in FACETS],
        "pages": _pages(criteria, path, page, found.pages),
        "relevance_url": criteria.url(path, sort="", page=1),
        "name_url": criteria.url(path, sort="ten", page=1),
        "filtered": bool(criteria.chosen) or criteria.status != "con-hieu-luc",
        "clear_url": Criteria(q=criteria.q).url(path),
        "other_url": criteria.url(reverse("search_en" if lang == "vi" else "search")),
        "canonical": public_url(request, criteria.url(path, page=page)),
    }
    with translation.override(lang):
        return render(request, "catalog/search.html", context)


def _facet(name: str, values, t: dict, lang: str) -> dict:
    def label(value) -> str:
        if name == "sao":
            return t["stars_value"].format(n=value.label)
        if name == "loai":
            return PRODUCER_TYPES_EN[value.value] if lang == "en" else value.label.label
        return value.label.name if name == "bo" else str(value.label)

    return {"name": name, "legend": t[name], "values": [(v, label(v)) for v in values]}


def _pages(criteria: Criteria, path: str, page: int, pages: int) -> dict:
    """Links to the first, last, previous, next and nearby pages, each a stable address."""
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    return {
        "previous": criteria.url(path, page=page - 1) if page > 1 else None,
        "next": criteria.url(path, page=page + 1) if page < pages else None,
        "numbers": [(n, criteria.url(path, page=n), n == page) for n in shown],
    }
