from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("bao-cao/", include("ocop.reports.urls")),
    path("", include("ocop.catalog.urls")),
    path("", include("ocop.web.urls")),
]
