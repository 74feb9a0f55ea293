from django.shortcuts import render
from django.utils import timezone

from ocop.domain.dates import outside_programme, parse_day
from ocop.registry.summary import summarize


def home(request):
    """Today's figures (or those of ?ngay=, dd/mm/yyyy or ISO) for everyone to see."""
    today = timezone.localdate()
    day, error = today, None
    if "ngay" in request.GET:
        try:
            day = parse_day(request.GET["ngay"])
        except ValueError as exc:
            error = str(exc)
        else:
            error = outside_programme(day, today)
        if error:
            day = today
    summary = summarize(day, breakdowns=True)
    return render(
        request,
        "web/home.html",
        {"summary": summary, "day": day, "today": today, "error": error},
        status=400 if error else 200,
    )
