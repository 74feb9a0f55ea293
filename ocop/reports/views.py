"""The department officer's reports page: pick a date, download the letter and the lists."""

import contextlib
from datetime import timedelta

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ocop.domain.dates import outside_programme, parse_day
from ocop.reports import documents
from ocop.reports.lists import FiguresMismatch
from ocop.reports.pdf import PdfError

EXPIRING_DAYS = 90


class BadDay(ValueError):
    pass


@staff_member_required
def index(request):
    return _page(request)


@staff_member_required
def letter(request, fmt):
    return _download(request, "letter", fmt, lambda: [_day(request, "ngay")])


@staff_member_required
def lists(request, fmt):
    return _download(request, "lists", fmt, lambda: [_day(request, "ngay")])


@staff_member_required
def expiring(request, fmt):
    def window():
        start, end = _day(request, "tu"), _day(request, "den")
        if end < start:
            raise BadDay("Ngày kết thúc trước ngày bắt đầu.")
        return [start, end]

    return _download(request, "expiring", fmt, window)


def _download(request, kind: str, fmt: str, dates):
    if fmt not in documents.FORMATS[kind]:
        raise Http404
    try:
        file = documents.make(kind, dates(), fmt)
    except BadDay as exc:
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
    today = timezone.localdate()
    if name not in request.GET:
        return today
    try:
        day = parse_day(request.GET[name])
    except ValueError as exc:
        raise BadDay(str(exc)) from None
    problem = outside_programme(day, today)
    if problem:
        raise BadDay(problem)
    return day


def _page(request, error: str = "", status: int = 200):
    """The form, keeping the dates the officer typed when they are dates."""
    today = timezone.localdate()
    context = {"day": today, "start": today, "end": today + timedelta(days=EXPIRING_DAYS)}
    for key, name in (("day", "ngay"), ("start", "tu"), ("end", "den")):
        with contextlib.suppress(KeyError, ValueError):
            context[key] = parse_day(request.GET[name])
    return render(request, "reports/index.html", {**context, "error": error}, status=status)
