from ocop.catalog import views_statistics
from ocop.catalog.bilingual import bilingual

urlpatterns = bilingual(
    "thong-ke/",
    [
        ("", views_statistics.statistics, "statistics"),
        ("<slug:chart>.csv", views_statistics.chart_csv, "statistics_csv"),
    ],
)
