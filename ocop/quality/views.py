"""The data-quality desk (/lam-viec/chat-luong/): department staff only (Action.QUALITY), each
record checked against the user's province."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ocop.accounts.access import require
from ocop.domain.dates import format_date
from ocop.domain.issuers import issuer_name
from ocop.domain.roles import Action
from ocop.imports.models import ImportJob, ImportRun
from ocop.quality import issuer_groups, lists, pairs
from ocop.quality.counts import desk_counts
from ocop.quality.forms import (
    IssuerForm,
    IssuerGroupForm,
    MergeForm,
    NumberForm,
    PairForm,
    ProductSetForm,
)
from ocop.quality.merge import MergeRefused, merge, undo
from ocop.quality.models import DistinctPair, Kind, MergeRecord, ReviewedImport
from ocop.registry.models import Decision, Product, ProductSet

PER_PAGE = 25
# The URL word for each kind of pair.
KINDS = {"chu-the": Kind.PRODUCER, "san-pham": Kind.PRODUCT}
SLUGS = {kind: slug for slug, kind in KINDS.items()}


@require(Action.QUALITY)
def desk(request):
    staff = request.staff
    counts = desk_counts(staff)
    merges = _merges(staff)[:5]
    return render(
        request, "quality/desk.html", {"counts": counts, "merges": merges, "is_desk": True}
    )


@require(Action.QUALITY)
def pair_list(request, kind_slug):
    kind = _kind(kind_slug)
    finder = pairs.producer_pairs if kind == Kind.PRODUCER else pairs.product_pairs
    page = _page(request, finder(request.staff))
    page.object_list = pairs.loaded(list(page.object_list))
    add_facts = _producer_facts if kind == Kind.PRODUCER else _product_facts
    add_facts([r for p in page.object_list for r in (p.first, p.second)])
    return render(
        request, "quality/pairs.html", {"kind": kind, "kind_slug": kind_slug, "page": page}
    )


@require_POST
@require(Action.QUALITY)
def merge_pair(request, kind_slug):
    kind = _kind(kind_slug)
    form = MergeForm(request.POST)
    pair = _posted_pair(request, kind, form)
    if pair is None:
        return redirect("quality:pairs", kind_slug)
    keep = form.cleaned_data["keep"]
    kept, removed = (
        (pair.first, pair.second) if keep == pair.first.pk else (pair.second, pair.first)
    )
    try:
        record = merge(kept, removed, request.user)
    except MergeRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("quality:pairs", kind_slug)
    messages.success(
        request,
        f"Đã gộp “{record.removed_name}” vào “{record.kept_name}” ({record.moved_count} bản ghi "
        "liên quan được chuyển). Có thể hoàn tác ở danh sách dưới đây.",
    )
    return redirect("quality:merges")


@require_POST
@require(Action.QUALITY)
def confirm_distinct(request, kind_slug):
    kind = _kind(kind_slug)
    form = PairForm(request.POST)
    pair = _posted_pair(request, kind, form)
    if pair is not None:
        DistinctPair.objects.get_or_create(
            kind=kind,
            first_id=pair.first.pk,
            second_id=pair.second.pk,
            defaults={"province_id": pair.first.unit.province_id, "decided_by": request.user},
        )
        messages.success(
            request, f"Đã ghi nhận “{pair.first}” và “{pair.second}” là hai {kind.label} khác nhau."
        )
    return redirect("quality:pairs", kind_slug)


@require(Action.QUALITY)
def merge_list(request):
    page = _page(request, _merges(request.staff))
    return render(request, "quality/merges.html", {"page": page, "slugs": SLUGS})


@require_POST
@require(Action.QUALITY)
def undo_merge(request, pk):
    record = get_object_or_404(_merges(request.staff), pk=pk)
    try:
        undo(record, request.user)
    except MergeRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            f"Đã hoàn tác: “{record.removed_name}” trở lại như trước khi gộp, cùng mọi bản ghi "
            "liên quan.",
        )
    return redirect("quality:merges")


@require(Action.QUALITY)
def without_number(request):
    if request.method == "POST":
        _save_number(request)
        return redirect(request.get_full_path())
    page = _page(request, lists.decisions_without_number(request.staff))
    return render(request, "quality/without_number.html", {"page": page})


@require(Action.QUALITY)
def without_set(request):
    if request.method == "POST":
        _save_product_set(request)
        return redirect(request.get_full_path())
    page = _page(request, lists.products_without_set(request.staff))
    sets = ProductSet.objects.all()
    return render(request, "quality/without_set.html", {"page": page, "sets": sets})


@require(Action.QUALITY)
def presumed_issuers(request):
    """Presumed issuers in groups of what they were presumed from (issuer_groups): one
    confirmation settles a group, or every decision of one body."""
    if request.method == "POST":
        if "decision" in request.POST:
            _save_issuer(request)
        else:
            _confirm_issuers(request)
        return redirect(request.get_full_path())
    sections = issuer_groups.presumed_sections(request.staff)
    count = sum(section.count for section in sections)
    return render(request, "quality/presumed_issuers.html", {"sections": sections, "count": count})


@require(Action.QUALITY)
def import_warnings(request):
    if request.method == "POST":
        _mark_reviewed(request)
        return redirect("quality:import_warnings")
    jobs = lists.import_warnings(request.staff)
    runs = lists.command_line_runs(request.staff)
    return render(request, "quality/import_warnings.html", {"jobs": jobs, "runs": runs})


# Writes of the lists: one record each, checked against the user's province.


def _save_number(request) -> None:
    form = NumberForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form)
    decision = _decision(request, form.cleaned_data["decision"])
    number = " ".join(form.cleaned_data["number"].split())
    twin = Decision.objects.filter(
        product=decision.product_id, number=number, decided_on=decision.decided_on
    )
    if twin.exclude(pk=decision.pk).exists():
        messages.error(
            request,
            f"Sản phẩm “{decision.product}” đã có quyết định số {number} ngày "
            f"{format_date(decision.decided_on)}; không ghi trùng.",
        )
        return
    decision.number = number
    decision.save(update_fields=["number"])
    messages.success(request, f"Đã ghi số quyết định {number} cho “{decision.product}”.")


def _save_product_set(request) -> None:
    form = ProductSetForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form)
    product = get_object_or_404(
        request.staff.scope(Product.objects), pk=form.cleaned_data["product"]
    )
    product.product_set = form.cleaned_data["product_set"]
    product.save(update_fields=["product_set", "updated_at"])
    messages.success(request, f"Đã xếp “{product}” vào bộ sản phẩm {product.product_set}.")


ISSUER_UNCLEAR = (
    "Chưa rõ cơ quan ban hành: hãy ghi tên đủ, ví dụ “UBND huyện Than Uyên” hoặc "
    "“UBND tỉnh Lai Châu”."
)


def _save_issuer(request) -> None:
    form = IssuerForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form)
    decision = _decision(request, form.cleaned_data["decision"])
    written = form.cleaned_data["issuer"].strip()
    issuer = (
        issuer_name(written, decision.product.unit.province.name) if written else decision.issuer
    )
    if not issuer:
        messages.error(request, ISSUER_UNCLEAR)
        return
    province = issuer_groups.province_name(decision)
    if issuer_groups.after_districts([decision], issuer, province):
        messages.error(
            request,
            f"Không ghi: quyết định {decision.number} ký ngày {format_date(decision.decided_on)}, "
            f"khi UBND cấp huyện đã chấm dứt hoạt động (từ 01/07/2025).",
        )
        return
    with transaction.atomic():
        decision.issuer, decision.issuer_presumed = issuer, False
        decision.save(update_fields=["issuer", "issuer_presumed"])
    messages.success(
        request, f"Đã xác nhận cơ quan ban hành quyết định {decision.number}: {issuer}."
    )


def _confirm_issuers(request) -> None:
    form = IssuerGroupForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form)
    presumed, key = form.cleaned_data["presumed"], form.cleaned_data["group"]
    decisions = issuer_groups.group_decisions(request.staff, presumed, key)
    if not decisions:
        messages.error(
            request, "Nhóm này không còn quyết định nào cần xác nhận (có thể đã được xác nhận)."
        )
        return
    province = issuer_groups.province_name(decisions[0])
    written = form.cleaned_data["corrected"].strip()
    issuer = issuer_name(written, province) if written else presumed
    if not issuer:
        messages.error(request, ISSUER_UNCLEAR)
        return
    too_late = issuer_groups.after_districts(decisions, issuer, province)
    if too_late:
        messages.error(
            request,
            f"Không ghi: {len(too_late)} quyết định ký từ ngày 01/07/2025 trở đi, khi UBND cấp "
            f"huyện đã chấm dứt hoạt động, nên không thể do {issuer} ban hành.",
        )
        return
    with transaction.atomic():
        for decision in decisions:  # one by one, so that each change is in the log
            decision.issuer, decision.issuer_presumed = issuer, False
            decision.save(update_fields=["issuer", "issuer_presumed"])
    messages.success(
        request, f"Đã xác nhận cơ quan ban hành của {len(decisions)} quyết định: {issuer}."
    )


def _mark_reviewed(request) -> None:
    staff = request.staff
    job_id, run_id = request.POST.get("job", ""), request.POST.get("run", "")
    if job_id.isdigit():
        job = get_object_or_404(lists.scoped(staff, ImportJob.objects), pk=job_id)
        ReviewedImport.objects.get_or_create(job=job, defaults={"reviewed_by": request.user})
        messages.success(request, f"Đã ghi nhận: đã xem các cảnh báo của lần nhập {job}.")
    elif run_id.isdigit():
        run = get_object_or_404(lists.scoped(staff, ImportRun.objects), pk=run_id)
        ReviewedImport.objects.get_or_create(run=run, defaults={"reviewed_by": request.user})
        messages.success(request, f"Đã ghi nhận: đã xem các cảnh báo của lần nhập {run}.")
    else:
        messages.error(request, "Không rõ lần nhập nào cần đánh dấu đã xem.")


def _decision(request, pk) -> Decision:
    decisions = request.staff.scope(
        Decision.objects.select_related("product__unit__province"), "product__unit"
    )
    return get_object_or_404(decisions, pk=pk)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _posted_pair(request, kind, form):
    if not form.is_valid():
        _form_errors(request, form)
        return None
    pair = pairs.find_pair(
        request.staff, kind, form.cleaned_data["first"], form.cleaned_data["second"]
    )
    if pair is None:
        messages.error(
            request,
            f"Cặp {kind.label} này không còn trong danh sách (đã gộp, đã xác nhận khác nhau, "
            "hoặc không thuộc tỉnh của bạn).",
        )
    return pair


def _kind(slug) -> Kind:
    if slug not in KINDS:
        raise Http404
    return KINDS[slug]


def _merges(staff):
    records = MergeRecord.objects.select_related("merged_by", "undone_by")
    if staff.province_id is None:
        return records
    return records.filter(province_id=staff.province_id)


def _page(request, rows):
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("trang"))


def _producer_facts(producers) -> None:
    """What helps tell two producers apart: how many products each has."""
    counts = dict(
        Product.objects.filter(producer__in=producers)
        .values_list("producer")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for producer in producers:
        producer.product_count = counts.get(producer.pk, 0)


def _product_facts(products) -> None:
    """What helps tell two products apart: their decisions, the latest date."""
    rows = (
        Decision.objects.filter(product__in=products)
        .values("product")
        .annotate(n=Count("pk"), last=Max("decided_on"))
        .order_by()
    )
    by_product = {row["product"]: row for row in rows}
    for product in products:
        row = by_product.get(product.pk, {})
        product.decision_count, product.last_decided = row.get("n", 0), row.get("last")
