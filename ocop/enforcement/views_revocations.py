"""Revocation in the workspace (/lam-viec/thu-hoi/): find a decision, record its revocation,
undo one. Department staff only (Action.REVOKE), each record checked against their province."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ocop.accounts.access import require
from ocop.domain import public_codes
from ocop.domain.names import fold
from ocop.domain.roles import Action
from ocop.enforcement import files, revoking
from ocop.enforcement.forms import RevocationForm, UndoForm
from ocop.enforcement.models import Revocation
from ocop.notices.models import Notice
from ocop.registry.models import Decision

FOUND_ROWS = 20


def _revocations(staff):
    rows = Revocation.objects.select_related("decision__product__unit", "recorded_by")
    return staff.scope(rows, "decision__product__unit")


def _decisions(staff):
    rows = Decision.objects.select_related("product__producer", "product__unit")
    return staff.scope(rows, "product__unit")


@require(Action.REVOKE)
@require_safe
def index(request):
    typed = " ".join(request.GET.get("tim", "").split())
    found = _search(request.staff, typed) if typed else None
    page = Paginator(_revocations(request.staff), 25).get_page(request.GET.get("trang"))
    return render(
        request, "enforcement/revocations.html", {"typed": typed, "found": found, "page": page}
    )


def _search(staff, typed: str) -> list[Decision]:
    code = public_codes.normalize(typed)
    match = Q(number__icontains=typed) | Q(product__search_key__contains=fold(typed))
    if code:
        match |= Q(public_code=code)
    rows = _decisions(staff).filter(match).order_by("product__sort_key", "-decided_on", "-pk")
    return list(rows[:FOUND_ROWS])


@require(Action.REVOKE)
def revoke(request, decision_pk: int):
    decision = get_object_or_404(_decisions(request.staff), pk=decision_pk)
    if not request.staff.can(Action.REVOKE, decision.product.unit):
        raise Http404
    form = RevocationForm(request.POST or None, request.FILES or None, decision=decision)
    refusal = revoking.why_not(decision, timezone.localdate(), timezone.localdate())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        facts = revoking.Facts(
            data["number"], data["revoked_on"], data["issuer"], data["ground"], data["detail"]
        )
        try:
            revocation = revoking.revoke(decision, facts, request.user, scan=data["scan"])
        except revoking.RevocationRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                f"Đã ghi quyết định thu hồi {revocation.number}; trang xác minh công khai đã "
                "cập nhật. Đã gửi thư báo cho chủ thể và cán bộ xã/phường (nếu có địa chỉ).",
            )
            return redirect(revocation)
    status = 400 if request.method == "POST" else 200
    context = {"decision": decision, "form": form, "refusal": refusal}
    return render(request, "enforcement/revoke.html", context, status=status)


@require(Action.REVOKE)
def detail(request, pk: int):
    revocation = get_object_or_404(_revocations(request.staff), pk=pk)
    form = UndoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revoking.undo(revocation, form.cleaned_data["reason"], request.user)
        except revoking.RevocationRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                "Đã hủy thu hồi; quyết định công nhận có hiệu lực như trước khi thu hồi.",
            )
        return redirect(revocation)
    notices = _notices(revocation)
    context = {"revocation": revocation, "form": form, "notices": notices}
    return render(
        request,
        "enforcement/revocation.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def _notices(revocation):
    kind = ContentType.objects.get_for_model(Revocation)
    return Notice.objects.filter(related_type=kind, related_id=str(revocation.pk))


@require(Action.VIEW)
@require_safe
def scan(request, pk: int):
    revocation = get_object_or_404(_revocations(request.staff), pk=pk)
    return private_file(revocation.scan, f"thu-hoi-{revocation.pk}")


def private_file(field, stem: str) -> FileResponse:
    """A private file to a signed-in member of staff, kept out of every cache."""
    if not field:
        raise Http404
    try:
        opened = field.open("rb")
    except (ValueError, FileNotFoundError):
        raise Http404 from None
    extension = field.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        opened, content_type=files.content_type(field.name), filename=f"{stem}.{extension}"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
