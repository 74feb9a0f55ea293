from ocop.catalog import misuse_form
from ocop.catalog.bilingual import bilingual

urlpatterns = bilingual(
    "phan-anh/",
    [
        ("", misuse_form.report, "report"),
        ("da-nhan/<str:reference>/", misuse_form.thanks, "report_thanks"),
    ],
)
