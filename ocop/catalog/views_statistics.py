"""The statistics page, /thong-ke/ (and /en/thong-ke/): every chart drawn by the vendored
Chart.js from a JSON data block, also shown as a table and offered as CSV."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from ocop.catalog.bilingual import url_name
from ocop.catalog.statistics import chart as statistics_chart
from ocop.catalog.statistics import charts
from ocop.catalog.texts_statistics import TITLES, WORDS
from ocop.catalog.views import _context, _render
from ocop.domain.dates import asked_day, format_date
from ocop.shared.caching import public_page
from ocop.shared.exports import csv_response


def report_day(request) -> tuple:
    """The day asked for in ?ngay= (dd/mm/yyyy or ISO), as the home page reads it: today, with
    the reason, when it is unreadable or outside the programme."""
    return asked_day(request.GET.get("ngay"), timezone.localdate())


@require_safe
@public_page
def statistics(request, lang="vi"):
    day, error = report_day(request)
    words = WORDS[lang]
    summary, drawn = charts(day, words)
    query = f"?ngay={format_date(day)}"
    context = _context(
        request,
        lang,
        reverse("statistics"),
        reverse("statistics_en"),
        s={key: text.replace("{day}", format_date(day)) for key, text in words.items()},
        day=day,
        error=error,
        summary=summary,
        query=query,
        charts=[
            {
                "slug": chart.slug,
                "title": TITLES[lang][chart.slug],
                "label": words["chart_label"].format(title=TITLES[lang][chart.slug]),
                "chart": chart,
                "csv": reverse(url_name("statistics_csv", lang), args=[chart.slug]) + query,
            }
            for chart in drawn
        ],
        chart_data={chart.slug: chart.to_dict() for chart in drawn},
    )
    return _render(request, lang, "catalog/statistics.html", context, status=400 if error else 200)


@require_safe
@public_page
def chart_csv(request, chart: str, lang="vi"):
    if chart not in TITLES[lang]:
        raise Http404
    day, error = report_day(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    found = statistics_chart(chart, day, WORDS[lang])
    return csv_response(f"thong-ke-{chart}-{day.isoformat()}.csv", found.columns, found.rows)
