from django.urls import include, path

from ocop.catalog import reports


def pages(lang: str):
    suffix = "" if lang == "vi" else "_en"
    kwargs = {"lang": lang}
    return [
        path("", reports.report, kwargs, name=f"report{suffix}"),
        path("da-nhan/<str:reference>/", reports.thanks, kwargs, name=f"report_thanks{suffix}"),
    ]


urlpatterns = [
    path("phan-anh/", include(pages("vi"))),
    path("en/phan-anh/", include(pages("en"))),
]
