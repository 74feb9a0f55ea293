"""The registry's endpoints: the letter's figures, the products on a day, one product, the
verdict of a printed code, and the changes between two dates. Every status, star and verdict
comes from the registry's QuerySets and ocop.domain through records.py, changes.py and the
catalog's verification; nothing is decided here."""

from typing import Annotated, Literal

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from ninja import Path, Query, Router

from ocop.catalog.product_search import matching_products
from ocop.catalog.verification import find, verify
from ocop.domain.dates import format_date
from ocop.domain.public_codes import normalize
from ocop.domain.status import Status
from ocop.domain.verdict import verdict
from ocop.opendata import api_timeline
from ocop.opendata import changes as registry_changes
from ocop.opendata.api_errors import ApiError, not_found
from ocop.opendata.api_json import json_answer
from ocop.opendata.api_kept import kept, ordered_ids
from ocop.opendata.api_params import (
    PAGE_SIZE,
    AsOf,
    DayText,
    PageNumber,
    PageSize,
    day_param,
    page_bounds,
)
from ocop.opendata.records import PublicUrls, record_from_row, registry_queryset, site_root
from ocop.opendata.schemas import (
    ChangePage,
    ErrorOut,
    ProductDetail,
    ProductPage,
    SummaryOut,
    VerifyOut,
)
from ocop.registry.models import Decision, Product, Province
from ocop.registry.summary import summarize
from ocop.shared.replica import reading_alias

router = Router(tags=["registry"])
ERRORS = {400: ErrorOut, 429: ErrorOut}
ERRORS_404 = {**ERRORS, 404: ErrorOut}
STATUSES = {
    "valid": [Status.VALID],
    "expired": [Status.EXPIRED],
    "revoked": [Status.REVOKED],
    "all": None,
}
GROUP_PATTERN = r"^[IVX]{1,3}(\.[0-9]{1,2}(\.[a-z])?)?$"
COMMUNE_PATTERN = r"^[0-9]{1,10}$"
CODE_DESCRIPTION = "mã công khai in trên giấy chứng nhận / the printed code, e.g. H7KQ-3MXP"


@router.get("/summary", response={200: SummaryOut, **ERRORS_404}, exclude_none=True)
def summary(
    request,
    as_of: AsOf = None,
    province: str | None = Query(None, pattern=r"^[0-9]{1,8}$", description="mã tỉnh"),
    breakdowns: bool = Query(False, description="theo xã/phường, nhóm, loại hình chủ thể"),
):
    """Số liệu của công văn tại một ngày, đúng như `ocop summary --as-of … --json`. / The
    letter's figures on a day, exactly as `ocop summary --as-of … --json`."""
    day = day_param("as_of", as_of)
    if not province and not breakdowns:
        figures = api_timeline.figures_on(day, reading_alias())
        if figures is not None:
            return figures.to_dict()
    products = None
    if province:
        found = Province.objects.filter(code=province).first()
        if found is None:
            raise not_found(f"tỉnh mã {province}", f"province {province}")
        products = Product.objects.in_province(found)
    return kept(
        ("summary", day, province, breakdowns),
        lambda: summarize(day, products, breakdowns=breakdowns).to_dict(),
    )


@router.get("/products", response={200: ProductPage, **ERRORS})
def products(
    request,
    as_of: AsOf = None,
    status: Literal["valid", "expired", "revoked", "all"] = Query(
        "valid", description="tình trạng vào ngày đó / status on that day"
    ),
    q: str | None = Query(None, max_length=200, description="tìm theo tên, không cần dấu"),
    stars: int | None = Query(None, ge=3, le=5, description="hạng sao vào ngày đó"),
    commune: str | None = Query(None, pattern=COMMUNE_PATTERN, description="mã xã/phường"),
    group: str | None = Query(
        None, pattern=GROUP_PATTERN, description="bộ, nhóm hoặc ngành: I.1.a, I.1, I"
    ),
    expiring_by: Annotated[
        DayText | None,
        Query(
            description="chỉ các sản phẩm hết thời hạn công nhận từ as_of đến hết ngày này / "
            "only the products whose recognition runs out from as_of to this day"
        ),
    ] = None,
    page: PageNumber = 1,
    page_size: PageSize = PAGE_SIZE,
):
    """Các sản phẩm đã được công nhận đến một ngày, với tình trạng và hạng sao vào ngày đó. /
    The products recognised by a day, with their status and stars on that day."""
    day = day_param("as_of", as_of)
    ending = day_param("expiring_by", expiring_by) if expiring_by is not None else None

    def listed():
        products = _matching(q)
        if ending is not None:
            # The expiring rule of the letter's list, the expiry desk and the reminders.
            expiring = Product.objects.expiring_between(day, ending).values("pk")
            products = expiring if products is None else products.filter(pk__in=expiring)
        rows = registry_queryset(day, STATUSES[status], products)
        if stars is not None:
            rows = rows.filter(counted_stars=stars, product_status=Status.VALID.value)
        if commune:
            rows = rows.filter(product__unit__code=commune)
        if group:
            rows = rows.filter(
                Q(product__product_set__key=group)
                | Q(product__product_set__key__startswith=f"{group}.")
            )
        # In dictionary order on the product's name alone (its index), then its id.
        return rows.order_by("product__sort_key", "product_id").values_list("product_id", flat=True)

    # Every page of the same list is a slice of the ids found once for this registry version.
    ordered = ordered_ids(("products", day, status, q, stars, commune, group, ending), listed)
    count = len(ordered)
    start, end, pages = page_bounds(page, page_size, count)
    results = _records(day, list(ordered[start:end]), request) if start < count else []
    # Already in ProductPage's shape and order: written as ninja would, without validating.
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


def _records(day, ids: list[int], request) -> list[dict]:
    urls = PublicUrls(site_root(request))
    rows = registry_queryset(day).filter(product_id__in=ids)
    by_product = {row["product_id"]: row for row in rows}
    return [record_from_row(by_product[pk], urls).to_dict() for pk in ids]


def _matching(typed: str | None):
    """The products the public search finds for what was typed (ocop.catalog.product_search),
    None when nothing was typed."""
    ids, _ = matching_products(typed or "")
    return None if ids is None else Product.objects.filter(pk__in=ids)


@router.get("/products/{code}", response={200: ProductDetail, **ERRORS_404})
def product(
    request,
    code: str = Path(..., description=CODE_DESCRIPTION),
    as_of: AsOf = None,
):
    """Một sản phẩm vào một ngày, theo mã công khai của bất kỳ quyết định nào của nó, với các
    quyết định đã ký đến ngày đó. / One product on a day, by the printed code of any of its
    decisions, with the decisions signed by that day."""
    day = day_param("as_of", as_of)
    printed = normalize(code)
    decision = find(printed) if printed else None
    if decision is None:
        raise not_found(f"mã {code[:20]!r}", f"code {code[:20]!r}")
    product = decision.product
    base = site_root(request)
    row = registry_queryset(day, products=Product.objects.filter(pk=product.pk)).first()
    if row is None:
        raise ApiError(
            404,
            "not_recognised",
            f"Sản phẩm chưa được công nhận vào ngày {format_date(day)}.",
            f"The product was not yet recognised on {day.isoformat()}.",
        )
    signed = product.decisions.filter(decided_on__lte=day).order_by("decided_on", "pk")
    return {
        **record_from_row(row, PublicUrls(base)).to_dict(),
        "as_of": day,
        "decisions": [_decision(d, day, base) for d in signed],
    }


def _decision(decision: Decision, day, base: str) -> dict:
    revoked = decision.revoked_on if decision.revoked_on and decision.revoked_on <= day else None
    return {
        "public_code": decision.public_code,
        "number": decision.number,
        "decided_on": decision.decided_on,
        "stars": decision.stars,
        "issuer": decision.issuer,
        "last_valid_day": decision.last_valid_day,
        "revoked_on": revoked,
        "verify_url": base + reverse("verify", args=[decision.public_code]),
    }


@router.get("/verify/{code}", response={200: VerifyOut, **ERRORS_404})
def verify_code(request, code: str = Path(..., description=CODE_DESCRIPTION)):
    """Kết luận hôm nay cho một mã công khai, đúng lời của trang /xac-minh/. / Today's verdict
    for a printed code, in the words of /xac-minh/."""
    printed = normalize(code)
    decision = find(printed) if printed else None
    if decision is None:
        said = verdict(None)
        raise ApiError(
            404, "not_found", f"{said.vi}: mã {code[:20]!r}.", f"{said.en}: {code[:20]!r}."
        )
    checked = verify(decision, timezone.localdate())
    base = site_root(request)
    in_force = checked.in_force
    product = checked.product
    return {
        "code": printed,
        "checked_on": checked.day,
        "status": checked.verdict.status.value,
        "verdict_vi": checked.verdict.vi,
        "verdict_en": checked.verdict.en,
        "ground_vi": checked.verdict.ground_vi,
        "ground_en": checked.verdict.ground_en,
        "stars": in_force.stars if in_force else None,
        "valid_until": checked.standing.valid_until,
        "superseded": checked.superseded,
        "code_in_force": in_force.public_code if in_force else None,
        "decision": _decision(decision, checked.day, base),
        "product_id": product.pk,
        "product_name": product.name,
        "producer_name": product.producer.name,
        "commune_name": str(product.unit),
        "product_url": base + product.get_public_url(),
        "verify_url": base + reverse("verify", args=[printed]),
    }


@router.get("/changes", response={200: ChangePage, **ERRORS}, by_alias=True)
def changes(
    request,
    start: Annotated[DayText, Query(alias="from", description="từ ngày / from")],
    end: Annotated[DayText | None, Query(alias="to", description="đến ngày / to (today)")] = None,
    kind: Literal["recognised", "renewed", "expired", "revoked"] | None = Query(
        None, description="chỉ một loại thay đổi / one kind of change only"
    ),
    page: PageNumber = 1,
    page_size: PageSize = PAGE_SIZE,
):
    """Công nhận mới, đánh giá lại, hết hạn và thu hồi giữa hai ngày (kể cả hai ngày đó). /
    New recognitions, renewals, expiries and revocations between two dates, both included."""
    first, last = day_param("from", start), day_param("to", end)
    _check_range(first, last)
    found = registry_changes.changes_between(first, last, site_root(request))
    if kind:
        found = [change for change in found if change.kind == kind]
    begin, stop, pages = page_bounds(page, page_size, len(found))
    return {
        "count": len(found),
        "page": page,
        "page_size": page_size,
        "pages": pages,
        "from": first,
        "to": last,
        "results": [change.to_dict() for change in found[begin:stop]],
    }


def _check_range(first, last) -> None:
    try:
        registry_changes.check_range(first, last)
    except ValueError as exc:
        english = (
            "The start date is after the end date."
            if first > last
            else f"The range is too long: at most {registry_changes.MAX_DAYS} days at a time."
        )
        raise ApiError(400, "bad_range", f"{exc}.", english) from None
