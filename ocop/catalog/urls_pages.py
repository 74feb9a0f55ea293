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
]

# Product photos: Django serves them in development and the demo; in production the web
# server does (docs/public.md). Only san-pham/: the rest of MEDIA_ROOT (misuse reports' photos)
# is for the back office, never public.
if settings.DEBUG or settings.DEMO_MODE:
    urlpatterns.append(
        re_path(r"^media/(?P<path>san-pham/.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
