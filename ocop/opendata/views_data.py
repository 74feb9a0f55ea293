"""The open-data pages and files under /du-lieu/: the page that offers them, the data
dictionary, the registry on a date and the changes between two dates (CSV, XLSX, JSON), the
DCAT metadata, the Atom feed and the embeddable widget."""

import json
from datetime import date

from csp.decorators import csp_replace
from django.conf import settings
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from ocop.domain.dates import asked_day, format_date
from ocop.domain.status import Status
from ocop.opendata import dcat, national, widget
from ocop.opendata.changes import CHANGE_COLUMNS, changes_between, check_range
from ocop.opendata.downloads import json_chunks
from ocop.opendata.feed import FEED_DAYS, atom_feed
from ocop.opendata.records import COLUMNS, registry_on, site_root
from ocop.registry.models import ProductSet, Unit
from ocop.shared.caching import DEFAULT_MAX_AGE, public_page
from ocop.shared.exports import XLSX_TYPE, Layout, csv_response, xlsx_response
from ocop.shared.kept_pages import kept_page

JSON_TYPE = "application/json; charset=utf-8"
# ?tinh_trang= of a registry download, as the search page spells it (None: every status).
STATUSES = {
    "tat-ca": None,
    "con-hieu-luc": [Status.VALID],
    "het-han": [Status.EXPIRED],
    "thu-hoi": [Status.REVOKED],
}


# Seconds after which a visitor waiting for the national workbook asks again.
PREPARING_RETRY = 30


class BadRequest(ValueError):
    pass


def _day(request, name: str, default: date) -> date:
    day, error = asked_day(request.GET.get(name) or None, default)
    if error:
        raise BadRequest(f"{name}: {error}")
    return day


def _refusal(error: Exception) -> HttpResponse:
    return HttpResponse(f"{error}\n", status=400, content_type="text/plain; charset=utf-8")


def _licence() -> dict:
    return {"name": settings.OCOP_DATA_LICENCE, "url": settings.OCOP_DATA_LICENCE_URL}


@require_safe
@public_page
def index(request):
    today = timezone.localdate()
    base = site_root(request)
    example = Unit.objects.filter(products__isnull=False).order_by("code").first()
    widget_url = f"{base}{reverse('data_widget')}?xa={example.code if example else '...'}"
    context = {
        "today": today,
        "year_start": today.replace(month=1, day=1),
        "licence": _licence(),
        "dcat": json.dumps(dcat.catalog(base), ensure_ascii=False),
        "widget_url": widget_url,
        "widget_example": example,
        "snippet": _snippet(widget_url),
        "feed_url": f"{base}{reverse('data_feed')}",
        "feed_days": FEED_DAYS,
        "api": dcat.api_served(),
        "registry_url": f"{base}{reverse('data_registry', args=['csv'])}",
        "changes_url": f"{base}{reverse('data_changes', args=['csv'])}",
    }
    return render(request, "opendata/index.html", context)


def index_en(request):
    """The open-data page's English summary (/en/du-lieu/): the files, feed and API are the
    same; their columns stay in Vietnamese, explained by the data dictionary."""
    with translation.override("en"):
        return render(request, "opendata/index_en.html", {"licence": _licence()})


def _snippet(url: str) -> str:
    return (
        f'<iframe src="{url}" title="Sản phẩm OCOP" width="100%" height="480" '
        'style="border:1px solid #dde3e8" loading="lazy"></iframe>'
    )


@require_safe
@public_page
def dictionary(request):
    context = {
        "columns": COLUMNS,
        "change_columns": CHANGE_COLUMNS[:3],
        "product_sets": ProductSet.objects.all(),
        "licence": _licence(),
    }
    return render(request, "opendata/dictionary.html", context)


@require_safe
def registry_download(request, fmt: str):
    try:
        day = _day(request, "ngay", timezone.localdate())
        status = request.GET.get("tinh_trang") or "tat-ca"
        if status not in STATUSES:
            raise BadRequest(f"tinh_trang: cần một trong {', '.join(STATUSES)}")
    except BadRequest as error:
        return _refusal(error)
    name = f"so-dang-ky-ocop-{day.isoformat()}"
    if fmt == "xlsx" and status == "tat-ca" and day == timezone.localdate():
        return _national_xlsx(request, day, name)
    records = registry_on(day, site_root(request), statuses=STATUSES[status])
    title = national.title(day)
    head = {"as_of": day.isoformat(), "licence": _licence()}
    return _download(fmt, name, title, COLUMNS, records, head, "products")


def _national_xlsx(request, day: date, name: str):
    """Today's whole registry: the file a task built (ocop.opendata.national), or a page
    saying it is being prepared; Retry-After lets `curl --retry` and the page itself come back."""
    path = national.ready(day, site_root(request))
    if path is None:
        response = render(request, "opendata/preparing.html",
                          {"today": day, "retry": PREPARING_RETRY}, status=503)  # fmt: skip
        response["Retry-After"] = str(PREPARING_RETRY)
        response["Cache-Control"] = "no-store"
        return response
    response = FileResponse(path.open("rb"), as_attachment=True, filename=f"{name}.xlsx")
    response["Content-Type"] = XLSX_TYPE
    patch_cache_control(response, public=True, max_age=DEFAULT_MAX_AGE)
    return response


@require_safe
def changes_download(request, fmt: str):
    today = timezone.localdate()
    try:
        start = _day(request, "tu", today.replace(month=1, day=1))
        end = _day(request, "den", today)
        check_range(start, end)
    except ValueError as error:
        return _refusal(error)
    changes = changes_between(start, end, site_root(request))
    name = f"thay-doi-ocop-{start.isoformat()}-den-{end.isoformat()}"
    title = f"THAY ĐỔI TRONG DANH SÁCH SẢN PHẨM OCOP TỪ {format_date(start)} ĐẾN {format_date(end)}"
    head = {"from": start.isoformat(), "to": end.isoformat(), "licence": _licence()}
    return _download(fmt, name, title, CHANGE_COLUMNS, changes, head, "changes")


def _download(fmt, name, title, columns, items, head, key):
    header, rows = [c.label for c in columns], (item.values() for item in items)
    if fmt == "xlsx":
        # A title line and a blank line above the header, as the department's lists.
        layout = Layout(sheet="Dữ liệu OCOP", title=[title, ""])
        response = xlsx_response(f"{name}.xlsx", header, rows, layout, stream=True)
    elif fmt == "csv":
        response = csv_response(f"{name}.csv", header, rows, stream=True)
    else:
        chunks = json_chunks(head, key, (item.to_dict() for item in items))
        response = StreamingHttpResponse(chunks, content_type=JSON_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    # A stream has no ETag (it is not in memory to hash): a short public lifetime only.
    patch_cache_control(response, public=True, max_age=DEFAULT_MAX_AGE)
    return response


@require_safe
@public_page
def dcat_metadata(request):
    body = json.dumps(dcat.catalog(site_root(request)), ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")


@require_safe
@public_page
@kept_page  # 1.5 s at 50,000 products: once per day and registry version, not per reader
def feed(request):
    base = site_root(request)
    body = atom_feed(
        timezone.localdate(),
        base,
        feed_url=f"{base}{reverse('data_feed')}",
        home_url=f"{base}{reverse('data_index')}",
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@public_page
def embed(request):
    """The only page other sites may frame: its CSP allows any ancestor, and it carries no
    X-Frame-Options; the rest of the site keeps both at DENY."""
    today = timezone.localdate()
    try:
        chosen = widget.choice(request.GET)
    except ValueError as error:
        return render(request, "opendata/widget.html", {"error": error, "today": today}, status=400)
    records = registry_on(
        today, site_root(request), statuses=[Status.VALID], products=chosen.products
    )
    products = [record for _, record in zip(range(widget.MAX_PRODUCTS), records, strict=False)]
    context = {"chosen": chosen, "products": products, "today": today}
    return render(request, "opendata/widget.html", context)
