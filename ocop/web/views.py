from django.shortcuts import render
from django.utils import timezone

from ocop.domain.dates import parse_iso_day
from ocop.registry.summary import summarize


def home(request):
    """Today's figures (or those of ?ngay=YYYY-MM-DD) for everyone to see."""
    today = timezone.localdate()
    day, error = today, None
    if request.GET.get("ngay"):
        try:
            day = parse_iso_day(request.GET["ngay"])
        except ValueError as exc:
            error = str(exc)
    summary = summarize(day, breakdowns=True)
    return render(
        request,
        "web/home.html",
        {"summary": summary, "day": day, "today": today, "error": error},
        status=400 if error else 200,
    )
