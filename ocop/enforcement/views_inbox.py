"""The misuse inbox (/lam-viec/phan-anh/): reports from the public (/phan-anh/) to triage,
dismissed with a reason or turned into an inspection. Those whose role triages them
(Action.REVOKE), for the reports their province sees (MisuseReport.objects.seen_by)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from ocop.accounts.access import require
from ocop.catalog.models import MisuseReport
from ocop.domain import public_codes
from ocop.domain.roles import Action
from ocop.enforcement import inspecting
from ocop.enforcement.forms import DismissForm
from ocop.registry.models import Decision

# The inbox's tabs: the URL word and what it lists.
TABS = {"moi": "Chưa phân loại", "da-xu-ly": "Đã phân loại"}


@require(Action.REVOKE)
def inbox(request):
    tab = request.GET.get("xem", "moi")
    tab = tab if tab in TABS else "moi"
    reports = MisuseReport.objects.seen_by(request.staff).select_related("triage__inspection")
    reports = (
        reports.filter(triage__isnull=True)
        if tab == "moi"
        else reports.filter(triage__isnull=False)
    )
    page = Paginator(reports, 25).get_page(request.GET.get("trang"))
    return render(request, "enforcement/inbox.html", {"page": page, "tab": tab, "tabs": TABS})


@require(Action.REVOKE)
def report(request, pk: int):
    found = get_object_or_404(
        MisuseReport.objects.seen_by(request.staff).select_related("triage__inspection"), pk=pk
    )
    form = DismissForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            inspecting.dismiss(found, form.cleaned_data["reason"], request.user)
        except inspecting.TriageRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, f"Đã ghi: không xử lý phản ánh {found.reference}.")
        return redirect("enforcement:inbox")
    context = {"report": found, "form": form, "decision": _decision(found)}
    return render(
        request, "enforcement/report.html", context, status=400 if request.method == "POST" else 200
    )


def _decision(found: MisuseReport) -> Decision | None:
    code = public_codes.normalize(found.code) if found.code else None
    if code is None:
        return None
    return Decision.objects.select_related("product__producer").filter(public_code=code).first()
