from django.urls import include, path

from ocop.catalog import views


def pages(lang: str):
    suffix = "" if lang == "vi" else "_en"
    kwargs = {"lang": lang}
    return [
        path("", views.check, kwargs, name=f"check{suffix}"),
        path("<str:code>/", views.verify_page, kwargs, name=f"verify{suffix}"),
        path("<str:code>/qr.svg", views.qr_svg, kwargs, name=f"qr_svg{suffix}"),
        path("<str:code>/qr.png", views.qr_png, kwargs, name=f"qr_png{suffix}"),
        path("<str:code>/nhan/", views.labels, kwargs, name=f"labels{suffix}"),
    ]


urlpatterns = [
    path("xac-minh/", include(pages("vi"))),
    path("en/xac-minh/", include(pages("en"))),
]
