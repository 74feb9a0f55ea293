from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from ocop.catalog import pages as views
from ocop.catalog.bilingual import bilingual

urlpatterns = bilingual(
    "",
    [
        ("", views.home, "home"),
        ("san-pham/<int:pk>-<str:slug_typed>/", views.product_page, "product_page"),
        ("san-pham/<int:pk>/", views.product_page, "product_short"),
        ("chu-the/<int:pk>/", views.producer_page, "producer_page"),
        ("xa-phuong/<str:code>/", views.commune_page, "commune_page"),
    ],
)

# Product photos: Django serves them in development and the demo; in production the web
# server does (docs/public.md). Only san-pham/: the rest of MEDIA_ROOT (misuse reports' photos)
# is for the back office, never public.
if settings.DEBUG or settings.DEMO_MODE:
    urlpatterns.append(
        re_path(r"^media/(?P<path>san-pham/.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
