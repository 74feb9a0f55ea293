"""The department officer's reports page, in the back office: pick a date (the last 31/12
unless asked), download the letter and the lists in Word, PDF or Excel."""

import contextlib
from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ocop.accounts.access import require
from ocop.domain.dates import asked_day, last_year_end, parse_day
from ocop.domain.roles import Action
from ocop.registry.models import Province
from ocop.reports import documents
from ocop.reports.admin import texts_url
from ocop.reports.letter import build_letter
from ocop.reports.lists import FiguresMismatch
from ocop.reports.pdf import PdfError

EXPIRING_DAYS = 90


class BadDay(ValueError):
    pass


@require(Action.VIEW)
def index(request):
    return _page(request)


@require(Action.REPORT)  # the letter is issued in the department's name
def letter(request, fmt):
    return _download(request, "letter", fmt, lambda: [_day(request, "ngay")], issued=True)


@require(Action.VIEW)
def lists(request, fmt):
    return _download(request, "lists", fmt, lambda: [_day(request, "ngay")], issued=True)


@require(Action.VIEW)
def preview(request):
    """The letter's text as it would be generated for a day (?ngay=), an issue date
    (?ngay_ban_hanh=) and a province (?tinh=, by code), after editing its texts."""
    # Staff of one province preview their own province's letter only.
    provinces = Province.objects.all()
    default = settings.OCOP_PROVINCE
    if request.staff.province_id is not None:
        provinces = provinces.filter(pk=request.staff.province_id)
        default = provinces.values_list("code", flat=True).first()
    province = provinces.filter(code=request.GET.get("tinh") or default)
    context = {"provinces": provinces}
    status = 200
    try:
        day, issued_on = _day(request, "ngay"), _issued_on(request)
        context.update(day=day, issued_on=issued_on, province=province.get())
        context["letter"] = build_letter(day, context["province"], issued_on)
    except Province.DoesNotExist:
        context["error"], status = f"Không có tỉnh mã {request.GET.get('tinh')!r}.", 400
    except ValueError as exc:
        context["error"], status = str(exc), 400
    except FiguresMismatch as exc:
        context["error"], status = str(exc), 500
    return render(request, "reports/preview.html", context, status=status)


@require(Action.VIEW)
def expiring(request, fmt):
    def window():
        start, end = _day(request, "tu"), _day(request, "den")
        if end < start:
            raise BadDay("Ngày kết thúc trước ngày bắt đầu.")
        return [start, end]

    return _download(request, "expiring", fmt, window)


def _download(request, kind: str, fmt: str, dates, issued: bool = False):
    if fmt not in documents.FORMATS[kind]:
        raise Http404
    try:
        issued_on = _issued_on(request) if issued else None
        file = documents.make(kind, dates(), fmt, issued_on=issued_on)
    except ValueError as exc:  # a bad day, an issue date before it, a text it cannot fill
        return _page(request, str(exc), 400)
    except FiguresMismatch as exc:
        return _page(request, str(exc), 500)
    except PdfError as exc:
        return _page(request, str(exc), 503)
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.name}"'
    return response


def _day(request, name: str):
    """The day of field `name` (today when the field is absent); an empty field or a day far
    outside the programme is refused, never replaced by today."""
    day, problem = asked_day(request.GET.get(name), timezone.localdate())
    if problem:
        raise BadDay(problem)
    return day


def _issued_on(request):
    """The letter's issue date (?ngay_ban_hanh=), or None for the month after the report."""
    if not request.GET.get("ngay_ban_hanh", "").strip():
        return None
    return _day(request, "ngay_ban_hanh")


def _page(request, error: str = "", status: int = 200):
    """The form, keeping the dates the officer typed when they are dates; the letter's day is
    the last 31/12 (the yearly letter's) until one is typed."""
    today = timezone.localdate()
    context = {
        "day": last_year_end(today),
        "start": today,
        "end": today + timedelta(days=EXPIRING_DAYS),
        "texts_url": texts_url(documents.default_province()),
    }
    for key, name in (
        ("day", "ngay"),
        ("issued_on", "ngay_ban_hanh"),
        ("start", "tu"),
        ("end", "den"),
    ):
        with contextlib.suppress(KeyError, ValueError):
            context[key] = parse_day(request.GET[name])
    return render(request, "reports/index.html", {**context, "error": error}, status=status)
