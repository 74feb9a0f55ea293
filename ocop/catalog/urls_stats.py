from django.urls import include, path

from ocop.catalog import stats


def pages(lang: str):
    suffix = "" if lang == "vi" else "_en"
    kwargs = {"lang": lang}
    return [
        path("", stats.statistics, kwargs, name=f"statistics{suffix}"),
        path("<slug:chart>.csv", stats.chart_csv, kwargs, name=f"statistics_csv{suffix}"),
    ]


urlpatterns = [
    path("thong-ke/", include(pages("vi"))),
    path("en/thong-ke/", include(pages("en"))),
]
