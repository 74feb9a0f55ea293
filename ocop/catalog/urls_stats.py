from django.urls import path

from ocop.catalog import stats

urlpatterns = [
    path("thong-ke/", stats.statistics, name="statistics"),
    path("thong-ke/<slug:chart>.csv", stats.chart_csv, name="statistics_csv"),
]
