from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

from ocop.catalog import pages as views


def pages(lang: str):
    suffix = "" if lang == "vi" else "_en"
    kwargs = {"lang": lang}
    return [
        path("", views.home, kwargs, name=f"home{suffix}"),
        path("san-pham/<int:pk>-<str:slug_typed>/", views.product_page, kwargs,
             name=f"product_page{suffix}"),
        path("san-pham/<int:pk>/", views.product_page, kwargs, name=f"product_short{suffix}"),
        path("chu-the/<int:pk>/", views.producer_page, kwargs, name=f"producer_page{suffix}"),
        path("xa-phuong/<str:code>/", views.commune_page, kwargs, name=f"commune_page{suffix}"),
    ]  # fmt: skip


urlpatterns = [
    path("", include(pages("vi"))),
    path("en/", include(pages("en"))),
]

# Product photos: Django serves them in development and the demo; in production the web
# server does (docs/public.md). Only san-pham/: the rest of MEDIA_ROOT (misuse reports' photos)
# is for the back office, never public.
if settings.DEBUG or settings.DEMO_MODE:
    urlpatterns.append(
        re_path(r"^media/(?P<path>san-pham/.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
