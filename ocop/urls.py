from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("bao-cao/", include("ocop.reports.urls")),
    path("", include("ocop.catalog.urls")),
    path("", include("ocop.catalog.urls_search")),
    path("", include("ocop.catalog.urls_stats")),
    path("", include("ocop.catalog.urls_reports")),
    path("", include("ocop.catalog.urls_pages")),
    path("", include("ocop.web.urls_crawlers")),
]
