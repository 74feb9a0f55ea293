"""The statistics page, /thong-ke/ (and /en/thong-ke/): every chart drawn by the vendored
Chart.js from a JSON data block, also shown as a table and offered as CSV and as an SVG image."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from ocop.catalog.chart_image import chart_svg
from ocop.catalog.statistics import TITLES, charts, source_line
from ocop.catalog.statistics import chart as statistics_chart
from ocop.domain.dates import asked_day, format_date
from ocop.shared.caching import public_page
from ocop.shared.exports import csv_response
from ocop.shared.public_url import page_context


def report_day(request) -> tuple:
    """The day asked for in ?ngay= (dd/mm/yyyy or ISO), as the home page reads it: today, with
    the reason, when it is unreadable or outside the programme."""
    return asked_day(request.GET.get("ngay"), timezone.localdate())


@require_safe
@public_page
def statistics(request):
    day, error = report_day(request)
    summary, drawn = charts(day)
    query = f"?ngay={format_date(day)}"
    context = page_context(
        request,
        reverse("statistics"),
        day=day,
        error=error,
        summary=summary,
        # The letter's wording of the figures is Vietnamese only (as on the home page).
        sentence=summary.sentence() if translation.get_language() == "vi" else "",
        query=query,
        source=source_line(day),
        charts=[
            {
                "slug": chart.slug,
                "title": TITLES[chart.slug],
                "chart": chart,
                "csv": reverse("statistics_csv", args=[chart.slug]) + query,
                "svg": reverse("statistics_svg", args=[chart.slug]) + query,
            }
            for chart in drawn
        ],
        chart_data={chart.slug: chart.to_dict() for chart in drawn},
    )
    return render(request, "catalog/statistics.html", context, status=400 if error else 200)


@require_safe
@public_page
def chart_csv(request, chart: str):
    day, found = _chart_on_day(request, chart)
    if isinstance(found, HttpResponse):
        return found
    return csv_response(f"thong-ke-{chart}-{day.isoformat()}.csv", found.columns, found.table)


@require_safe
@public_page
def chart_image(request, chart: str):
    """One chart alone as an SVG image, its title and source line inside (for the press)."""
    day, found = _chart_on_day(request, chart)
    if isinstance(found, HttpResponse):
        return found
    svg = chart_svg(found, str(TITLES[chart]), source_line(day))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    name = f"bieu-do-{chart}-{day.isoformat()}.svg"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _chart_on_day(request, chart: str):
    """(day, the chart's figures on the day asked), or (None, a 400 answer) for a day that does
    not parse; 404 for a chart that does not exist."""
    if chart not in TITLES:
        raise Http404
    day, error = report_day(request)
    if error:
        return None, HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    return day, statistics_chart(chart, day)
