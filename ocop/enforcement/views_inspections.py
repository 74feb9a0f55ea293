"""Logo-use inspections (/lam-viec/kiem-tra/): the province's list and each record for every
role (Action.VIEW); recording and follow-up for department staff anywhere and commune officers
in their own commune (Action.EDIT_LOCAL); the yearly table of findings."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ocop.accounts.access import require
from ocop.catalog.models import MisuseReport
from ocop.domain import public_codes
from ocop.domain.inspections import SHORT_LABELS, FindingKind
from ocop.domain.roles import Action
from ocop.domain.status import Status
from ocop.enforcement import findings, inspecting
from ocop.enforcement.forms import InspectionForm
from ocop.enforcement.models import Inspection, InspectionPhoto
from ocop.enforcement.views_revocations import private_file
from ocop.shared.exports import csv_response


def _inspections(staff):
    rows = Inspection.objects.select_related("unit", "product__producer", "recorded_by")
    return staff.scope(rows, "unit").prefetch_related("findings")


@require(Action.VIEW)
@require_safe
def index(request):
    rows = _inspections(request.staff)
    unit = request.GET.get("xa", "")
    if unit.isdigit():
        rows = rows.filter(unit_id=unit)
    page = Paginator(rows, 25).get_page(request.GET.get("trang"))
    can_record = request.staff.can_somewhere(Action.EDIT_LOCAL)
    return render(request, "enforcement/inspections.html", {"page": page, "can_record": can_record})


@require(Action.EDIT_LOCAL)
def create(request):
    report = _report(request)
    form = InspectionForm(
        request.POST or None, request.FILES or None, staff=request.staff,
        initial=_from_report(report, request.staff),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        inspection = _save(request, form, Inspection(), report)
        if inspection is not None:
            messages.success(request, "Đã ghi lần kiểm tra.")
            return redirect(inspection)
    return _form_page(request, form, None, report)


@require(Action.EDIT_LOCAL)
def edit(request, pk: int):
    inspection = get_object_or_404(_inspections(request.staff), pk=pk)
    if not request.staff.can(Action.EDIT_LOCAL, inspection.unit):
        raise PermissionDenied
    form = InspectionForm(
        request.POST or None, request.FILES or None, staff=request.staff,
        initial=_initial(inspection),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid() and _save(request, form, inspection):
        messages.success(request, "Đã lưu lần kiểm tra.")
        return redirect(inspection)
    return _form_page(request, form, inspection, None)


def _form_page(request, form, inspection, report):
    context = {"form": form, "inspection": inspection, "report": report}
    status = 400 if request.method == "POST" else 200
    return render(request, "enforcement/inspection_form.html", context, status=status)


def _save(request, form, inspection, report=None):
    data = form.cleaned_data
    if not request.staff.can(Action.EDIT_LOCAL, data["unit"]):
        raise PermissionDenied  # a crafted post naming another commune
    inspection.unit, inspection.inspected_on = data["unit"], data["inspected_on"]
    inspection.place, inspection.product = data["place"], data["product"]
    inspection.unlisted_name = "" if data["product"] else data["unlisted_name"].strip()
    inspection.unlisted_producer = "" if data["product"] else data["unlisted_producer"].strip()
    inspection.note = data["note"]
    try:
        return inspecting.save_inspection(
            inspection, data["kinds"], data["photos"], request.user, report=report
        )
    except inspecting.TriageRefused as refused:
        form.add_error(None, str(refused))
        return None


def _report(request):
    """The misuse report an inspection is opened from (?phan-anh=<id>), for those who triage."""
    typed = request.GET.get("phan-anh", "")
    if not typed.isdigit():
        return None
    if not request.staff.can_somewhere(Action.REVOKE):
        raise PermissionDenied
    return get_object_or_404(MisuseReport.objects.seen_by(request.staff), pk=typed)


def _from_report(report: MisuseReport | None, staff) -> dict:
    initial = {"inspected_on": timezone.localdate()}
    if staff.commune_id:
        initial["unit"] = staff.commune_id
    if report is None:
        return initial
    code = public_codes.normalize(report.code) if report.code else None
    text = f"Theo phản ánh {report.reference}: {report.description}"
    initial.update(place=report.place, note=text)
    if code:
        initial["product"] = code
    else:
        initial["unlisted_name"] = report.product
    return initial


def _initial(inspection: Inspection) -> dict:
    latest = inspection.product.decisions.last() if inspection.product_id else None
    return {
        "unit": inspection.unit_id,
        "inspected_on": inspection.inspected_on,
        "place": inspection.place,
        "product": latest.public_code if latest else "",
        "unlisted_name": inspection.unlisted_name,
        "unlisted_producer": inspection.unlisted_producer,
        "kinds": [kind.value for kind in inspection.kinds],
        "note": inspection.note,
    }


class FollowUpForm(forms.Form):
    action = forms.CharField(
        label="Biện pháp xử lý",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ví dụ: nhắc nhở, yêu cầu gỡ nhãn, lập biên bản, đề nghị thu hồi.",
    )
    outcome = forms.CharField(
        label="Kết quả xử lý",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@require(Action.VIEW)
def detail(request, pk: int):
    inspection = get_object_or_404(_inspections(request.staff), pk=pk)
    can_edit = request.staff.can(Action.EDIT_LOCAL, inspection.unit)
    initial = {"action": inspection.action, "outcome": inspection.outcome}
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            changed = inspecting.record_follow_up(
                inspection, data["action"].strip(), data["outcome"].strip(), request.user
            )
            said = "Đã ghi biện pháp và kết quả xử lý." if changed else "Không có gì thay đổi."
            messages.success(request, said)
            return redirect(inspection)
    context = {
        "inspection": inspection,
        "form": form,
        "can_edit": can_edit,
        "standing": _standing(inspection),
        "triages": inspection.triages.select_related("report"),
    }
    return render(request, "enforcement/inspection.html", context)


def _standing(inspection: Inspection) -> Status | None:
    """The listed product's status on the day of the inspection (ocop.domain.status)."""
    if not inspection.product_id:
        return None
    return inspection.product.status_on(inspection.inspected_on)


@require(Action.VIEW)
@require_safe
def photo(request, pk: int):
    photos = request.staff.scope(InspectionPhoto.objects.all(), "inspection__unit")
    found = get_object_or_404(photos, pk=pk)
    return private_file(found.image, f"kiem-tra-{found.inspection_id}-{found.pk}")


@require(Action.VIEW)
@require_safe
def summary(request):
    this_year = timezone.localdate().year
    typed = request.GET.get("nam", "")
    year = int(typed) if typed.isdigit() and 2018 <= int(typed) <= this_year + 1 else this_year
    rows, total = findings.table(request.staff, year)
    if request.GET.get("tai") == "csv":
        name = f"kiem-tra-nhan-ocop-{year}.csv"
        return csv_response(name, findings.heads(), findings.csv_rows(rows, total))
    context = {
        "year": year,
        "years": range(this_year, 2017, -1),
        "rows": rows,
        "total": total,
        "heads": [SHORT_LABELS[kind] for kind in FindingKind],
        "kinds": list(FindingKind),
        "asked_wrong": bool(typed) and str(year) != typed,
    }
    return render(request, "enforcement/summary.html", context)
