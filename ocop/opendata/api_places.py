"""Producers and communes on a day: those with a product recognised by then, how many of their
products are, and how many are valid; one of them with its products (records.py)."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Path, Query, Router

from ocop.domain.status import Status
from ocop.opendata.api_json import json_answer
from ocop.opendata.api_kept import ordered_rows
from ocop.opendata.api_params import (
    PAGE_SIZE,
    AsOf,
    PageNumber,
    PageSize,
    day_param,
    page_bounds,
)
from ocop.opendata.records import PublicUrls, record_from_row, registry_queryset, site_root
from ocop.opendata.schemas import (
    CommuneDetail,
    CommunePage,
    ErrorOut,
    ProducerDetail,
    ProducerPage,
)
from ocop.registry.models import Decision, Producer, ProducerType, Product, Unit
from ocop.registry.search import matching

router = Router(tags=["places"])
ERRORS = {400: ErrorOut, 429: ErrorOut}
ERRORS_404 = {**ERRORS, 404: ErrorOut}
COMMUNE_PATTERN = r"^[0-9]{1,10}$"
MAX_ID = 2**63 - 1


def _counted(day, by: str):
    """Per producer or commune (`by`), the products recognised by `day` and the valid ones."""
    valid = Q(product_status=Status.VALID.value)
    return (
        Decision.objects.with_product_status(day)
        .values(by)
        .annotate(products=Count("pk"), valid_products=Count("pk", filter=valid))
    )


def _page(name: tuple, rows, by: str, page: int, page_size: int) -> tuple[int, int, list[dict]]:
    """One page of the list, a slice of its rows found once for this registry version."""
    found = ordered_rows(
        name, lambda: rows().values_list(by, "products", "valid_products").iterator()
    )
    count = len(found)
    start, end, pages = page_bounds(page, page_size, count)
    shown = [
        {by: pk, "products": products, "valid_products": valid}
        for pk, products, valid in found[start:end]
    ]
    return count, pages, shown


@router.get("/producers", response={200: ProducerPage, **ERRORS})
def producers(
    request,
    as_of: AsOf = None,
    q: str | None = Query(None, max_length=200, description="tìm theo tên, không cần dấu"),
    commune: str | None = Query(None, pattern=COMMUNE_PATTERN, description="mã xã/phường"),
    page: PageNumber = 1,
    page_size: PageSize = PAGE_SIZE,
):
    """Các chủ thể có sản phẩm đã được công nhận đến một ngày. / The producers with a product
    recognised by a day."""
    day = day_param("as_of", as_of)

    def rows():
        found = _counted(day, "product__producer")
        if q:
            found = found.filter(matching(q[:200], ["product__producer__search_key"]))
        if commune:
            found = found.filter(product__producer__unit__code=commune)
        return found.order_by("product__producer__sort_key", "product__producer")

    name = ("producers", day, q, commune)
    count, pages, shown = _page(name, rows, "product__producer", page, page_size)
    found = Producer.objects.select_related("unit").in_bulk(r["product__producer"] for r in shown)
    base = site_root(request)
    results = [_producer(found[r["product__producer"]], r, base) for r in shown]
    return _listing(count, page, page_size, pages, day, results)


def _listing(count, page, page_size, pages, day, results):
    # Already in the page schema's shape and order: written as ninja would, without validating.
    return json_answer(
        {
            "count": count,
            "page": page,
            "page_size": page_size,
            "pages": pages,
            "as_of": day,
            "results": results,
        }
    )


def _producer(producer: Producer, counts: dict, base: str) -> dict:
    kind = ProducerType(producer.kind)
    return {
        "id": producer.pk,
        "name": producer.name,
        "type": kind.value,
        "type_label": kind.label,
        "commune_code": producer.unit.code,
        "commune_name": str(producer.unit),
        "products": counts["products"],
        "valid_products": counts["valid_products"],
        "url": base + reverse("producer_page", args=[producer.pk]),
    }


@router.get("/producers/{producer_id}", response={200: ProducerDetail, **ERRORS_404})
def producer(
    request,
    producer_id: int = Path(..., ge=1, le=MAX_ID, description="mã chủ thể / producer id"),
    as_of: AsOf = None,
):
    """Một chủ thể và các sản phẩm của nó đã được công nhận đến một ngày. / One producer and its
    products recognised by a day."""
    day = day_param("as_of", as_of)
    found = get_object_or_404(Producer.objects.select_related("unit"), pk=producer_id)
    records = _records(day, Product.objects.filter(producer=found), request)
    return {**_producer(found, _counts(records), site_root(request)), **_detail(day, records)}


def _records(day, products, request) -> list:
    urls = PublicUrls(site_root(request))
    return [record_from_row(row, urls) for row in registry_queryset(day, products=products)]


def _counts(records: list) -> dict:
    valid = sum(record.status == Status.VALID for record in records)
    return {"products": len(records), "valid_products": valid}


def _detail(day, records: list) -> dict:
    return {"as_of": day, "product_list": [record.to_dict() for record in records]}


@router.get("/communes", response={200: CommunePage, **ERRORS})
def communes(
    request,
    as_of: AsOf = None,
    province: str | None = Query(None, pattern=r"^[0-9]{1,8}$", description="mã tỉnh"),
    page: PageNumber = 1,
    page_size: PageSize = PAGE_SIZE,
):
    """Các xã/phường có sản phẩm đã được công nhận đến một ngày. / The communes and wards with
    a product recognised by a day."""
    day = day_param("as_of", as_of)

    def rows():
        found = _counted(day, "product__unit")
        if province:
            found = found.filter(product__unit__province__code=province)
        return found.order_by(
            "product__unit__province__code", "product__unit__sort_key", "product__unit"
        )

    name = ("communes", day, province)
    count, pages, shown = _page(name, rows, "product__unit", page, page_size)
    found = Unit.objects.select_related("province").in_bulk(r["product__unit"] for r in shown)
    base = site_root(request)
    results = [_commune(found[r["product__unit"]], r, base) for r in shown]
    return _listing(count, page, page_size, pages, day, results)


def _commune(unit: Unit, counts: dict, base: str) -> dict:
    return {
        "code": unit.code,
        "name": str(unit),
        "province_code": unit.province.code,
        "province_name": str(unit.province),
        "products": counts["products"],
        "valid_products": counts["valid_products"],
        "url": base + reverse("commune_page", args=[unit.code]),
    }


@router.get("/communes/{code}", response={200: CommuneDetail, **ERRORS_404})
def commune(
    request,
    code: str = Path(..., pattern=COMMUNE_PATTERN, description="mã xã/phường / commune code"),
    as_of: AsOf = None,
):
    """Một xã/phường và các sản phẩm ở đó đã được công nhận đến một ngày. / One commune or ward
    and its products recognised by a day."""
    day = day_param("as_of", as_of)
    unit = get_object_or_404(Unit.objects.select_related("province"), code=code)
    records = _records(day, Product.objects.filter(unit=unit), request)
    return {**_commune(unit, _counts(records), site_root(request)), **_detail(day, records)}
