from ocop.catalog import stats
from ocop.catalog.bilingual import bilingual

urlpatterns = bilingual(
    "thong-ke/",
    [
        ("", stats.statistics, "statistics"),
        ("<slug:chart>.csv", stats.chart_csv, "statistics_csv"),
    ],
)
