from pathlib import Path

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from ocop.catalog import pages as views

urlpatterns = [
    path("", views.home, name="home"),
    path("san-pham/<int:pk>-<str:slug_typed>/", views.product_page, name="product_page"),
    path("san-pham/<int:pk>/", views.product_page, name="product_short"),
    path("chu-the/<int:pk>/", views.producer_page, name="producer_page"),
    path("xa-phuong/<str:code>/", views.commune_page, name="commune_page"),
    path("gioi-thieu/", views.about, name="about"),
]


def product_photo(request, path: str):
    """Product photos: Django serves them in development and the demo; in production the web
    server does (docs/public.md). The folder san-pham/ is the root, so that `..` cannot climb
    out of it: with MEDIA_ROOT as the root, /media/san-pham/%2e%2e/phan-anh/… served a
    reporter's photo (issue 18). The rest of MEDIA_ROOT (misuse reports, dossiers,
    inspections) is for the back office, never public."""
    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "san-pham")


if settings.DEBUG or settings.DEMO_MODE:
    urlpatterns.append(re_path(r"^media/san-pham/(?P<path>.*)$", product_photo))
