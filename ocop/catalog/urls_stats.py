from django.urls import path

from ocop.catalog import views_statistics

urlpatterns = [
    path("thong-ke/", views_statistics.statistics, name="statistics"),
    path("thong-ke/<slug:chart>.csv", views_statistics.chart_csv, name="statistics_csv"),
    path("thong-ke/<slug:chart>.svg", views_statistics.chart_image, name="statistics_svg"),
]
