"""Imports from the browser (/lam-viec/nhap/): upload, the check's report, confirm, and the
list of recent imports; the work itself runs outside the request (ocop/imports/jobs.py)."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ocop.accounts.access import require
from ocop.domain.roles import Action
from ocop.imports import jobs
from ocop.imports.filetype import UnreadableFile
from ocop.imports.forms import UploadForm
from ocop.imports.models import ImportJob, ImportRun
from ocop.imports.report_page import report_sections
from ocop.registry.models import Province

RECENT = 20


@require(Action.IMPORT)
def index(request):
    posted = request.method == "POST"
    form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
    if posted and form.is_valid():
        try:
            with transaction.atomic():
                job = jobs.create(
                    form.cleaned_data["files"], owner=request.user, province=_province(request)
                )
                jobs.start_after_commit(job)
        except UnreadableFile as error:
            form.add_error("files", f"Không nhập được tệp {error}.")
        else:
            return redirect(job)
    context = {
        "form": form,
        "jobs": _jobs(request).select_related("owner", "confirmed_by")[:RECENT],
        "runs": _scoped(request, ImportRun.objects.filter(job__isnull=True)).select_related("user")[
            :RECENT
        ],
    }
    return render(request, "imports/index.html", context, status=400 if form.errors else 200)


@require(Action.IMPORT)
def job(request, pk):
    found = jobs.reap(get_object_or_404(_jobs(request), pk=pk))
    context = {"job": found, "report": report_sections(found.result) if found.result else None}
    return render(request, "imports/job.html", context)


@require(Action.IMPORT)
def status(request, pk):
    found = jobs.reap(get_object_or_404(_jobs(request), pk=pk))
    return JsonResponse(found.to_dict(), headers={"Cache-Control": "no-store"})


@require_POST
@require(Action.IMPORT)
def confirm(request, pk):
    found = get_object_or_404(_jobs(request), pk=pk)
    with transaction.atomic():
        if jobs.confirm(found, request.user):
            jobs.start_after_commit(found)
            return redirect(found)
    messages.warning(request, "Lần nhập này không còn chờ xác nhận (đã được xác nhận rồi?).")
    return redirect(found)


@require_POST
@require(Action.IMPORT)
def recheck(request, pk):
    found = get_object_or_404(_jobs(request), pk=pk)
    with transaction.atomic():
        if jobs.recheck(found):
            jobs.start_after_commit(found)
            return redirect(found)
    messages.warning(request, "Lần nhập này đang chạy hoặc đã ghi xong: không kiểm tra lại.")
    return redirect(found)


def _province(request) -> Province:
    """The user's province; every province's administrator imports into the default one."""
    if request.staff.province_id is not None:
        return Province.objects.get(pk=request.staff.province_id)
    return Province.objects.get(code=settings.OCOP_PROVINCE)


def _scoped(request, queryset):
    if request.staff.province_id is None:
        return queryset
    return queryset.filter(province_id=request.staff.province_id)


def _jobs(request):
    return _scoped(request, ImportJob.objects.select_related("province"))
