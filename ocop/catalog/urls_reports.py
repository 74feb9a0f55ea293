from ocop.catalog import reports
from ocop.catalog.bilingual import bilingual

urlpatterns = bilingual(
    "phan-anh/",
    [
        ("", reports.report, "report"),
        ("da-nhan/<str:reference>/", reports.thanks, "report_thanks"),
    ],
)
