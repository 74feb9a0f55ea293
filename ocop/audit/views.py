"""The log of changes in the workspace: the whole province's log with search, filters, paging
and export (Action.AUDIT_LOG); one entry with everything it changed; one record's history,
also of a record deleted since (Action.VIEW, accounts' Action.USERS)."""

from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from ocop.accounts.access import require
from ocop.audit import export as exports
from ocop.audit.display import field_changes, model_label, moment
from ocop.audit.filters import LogFilter
from ocop.audit.models import Entry
from ocop.audit.records import (
    content_type_for,
    history,
    in_scope,
    may_read_record,
    record_key,
    visible,
)
from ocop.audit.writing import describe
from ocop.domain.roles import Action
from ocop.shared.exports import csv_response, xlsx_response

PER_PAGE = 50


@require(Action.AUDIT_LOG)
def log(request):
    form = LogFilter(request.GET or None)
    entries = form.apply(visible(Entry.objects.all(), request.staff))
    page = Paginator(entries.select_related("content_type"), PER_PAGE).get_page(
        request.GET.get("trang")
    )
    query = {k: v for k, v in request.GET.items() if k != "trang" and v}
    context = {
        "form": form,
        "page": page,
        "rows": _rows(page.object_list),
        "query": urlencode(query),
        "filtered": bool(query),
    }
    return render(request, "audit/log.html", context)


@require(Action.AUDIT_LOG)
def export(request, kind):
    if kind not in ("csv", "xlsx"):
        raise Http404
    form = LogFilter(request.GET or None)
    entries = form.apply(visible(Entry.objects.all(), request.staff))
    name, rows = f"nhat-ky-thay-doi.{kind}", exports.rows(entries)
    if kind == "csv":
        return csv_response(name, exports.HEADER, rows)
    return xlsx_response(name, exports.HEADER, rows, exports.LAYOUT)


@require(Action.AUDIT_LOG)
def entry(request, pk):
    found = get_object_or_404(
        visible(Entry.objects.select_related("content_type"), request.staff), pk=pk
    )
    changes = Paginator(found.import_changes.select_related("content_type"), PER_PAGE).get_page(
        request.GET.get("trang")
    )
    imported = [
        {
            "change": change,
            "model": model_label(change.content_type),
            "fields": field_changes(change.content_type, change.changes, change.action),
            "url": _record_url(change.content_type, change.object_id),
        }
        for change in changes
    ]
    context = {"row": _rows([found])[0], "changes": changes, "imported": imported}
    return render(request, "audit/entry.html", context)


@require(Action.VIEW)
def record(request, key, pk):
    content_type = content_type_for(key)
    if content_type is None or content_type.model_class() is None:
        raise Http404
    if not may_read_record(request.staff, content_type):
        raise PermissionDenied
    model = content_type.model_class()
    current = model._base_manager.filter(pk=pk).first() if pk.isdigit() else None
    if current is not None and not in_scope(request.staff, current):
        raise Http404  # another province's record: not even its name
    entries = history(content_type, pk, request.staff)
    if current is None and not entries:
        raise Http404
    rows = _rows(entries)
    for row in rows:
        change = row["entry"].import_change
        if change is not None:  # this record's own change inside an import
            row["fields"] = field_changes(change.content_type, change.changes, change.action)
            row["action"] = change.get_action_display()
            row["code"] = change.action
    context = {
        "rows": rows,
        "model": model_label(content_type),
        "name": _name(current, entries, pk),
        "exists": current is not None,
        "admin_url": _admin_url(content_type, pk) if current is not None else "",
        "can_log": request.staff.can_somewhere(Action.AUDIT_LOG),
    }
    return render(request, "audit/record.html", context)


def _name(current, entries, pk) -> str:
    """The record's name today, or as the log last knew it for a deleted one."""
    if current is not None:
        return describe(current)
    for entry in entries:
        change = entry.import_change
        return change.object_repr if change is not None else entry.object_repr
    return f"#{pk}"


def _rows(entries) -> list[dict]:
    entries = list(entries)
    counts = dict(
        Entry.objects.filter(pk__in=[e.pk for e in entries if e.source == "import"])
        .annotate(n=Count("import_changes"))
        .values_list("pk", "n")
    )
    return [
        {
            "entry": entry,
            "when": moment(entry.timestamp),
            "action": entry.get_action_display(),
            "model": model_label(entry.content_type),
            "code": entry.action,
            "fields": field_changes(entry.content_type, entry.changes, entry.action),
            "url": _record_url(entry.content_type, entry.object_pk),
            "imported": counts.get(entry.pk),
            "files": (entry.additional_data or {}).get("files", []),
        }
        for entry in entries
    ]


def _record_url(content_type, pk) -> str:
    return reverse("audit:record", args=[record_key(content_type), pk])


def _admin_url(content_type, pk) -> str:
    model = content_type.model_class()
    if model is None or not admin.site.is_registered(model):
        return ""  # a model shown only inside another's page, or gone: no link of its own
    return reverse(f"admin:{content_type.app_label}_{content_type.model}_change", args=[pk])
