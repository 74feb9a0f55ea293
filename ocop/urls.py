from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from ocop.opendata import views_data as opendata_views
from ocop.shared.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    # For monitoring (docs/backup.md#monitoring): JSON, 200 or 503, never cached.
    path("healthz", healthz, name="healthz"),
    path("bao-cao/", include("ocop.reports.urls")),
    path("lam-viec/chat-luong/", include("ocop.quality.urls")),
    path("lam-viec/nhap/", include("ocop.imports.urls")),
    path("lam-viec/nhat-ky/", include("ocop.audit.urls")),
    path("lam-viec/ho-so/", include("ocop.dossiers.urls")),
    # thu-hoi/, kiem-tra/, phan-anh/: revocations, inspections, the misuse inbox.
    path("lam-viec/", include("ocop.enforcement.urls")),
    path("lam-viec/nhu-cau/", include("ocop.trade.urls_inquiries")),
    path("lam-viec/hoi-cho/", include("ocop.trade.urls_fairs")),
    path("lam-viec/het-han/", include("ocop.notices.urls")),
    path("lam-viec/", include("ocop.accounts.urls")),
    path("lam-viec/", include("ocop.workspace.urls")),
    path("du-lieu/", include("ocop.opendata.urls_data")),
    path("en/du-lieu/", opendata_views.index_en, name="data_index_en"),
    path("api/v1/", include("ocop.opendata.urls_api")),
    path("", include("ocop.catalog.urls_crawlers")),
]

# The public pages: in Vietnamese at their address, in English under /en/ (the same URL names;
# reverse() and {% url %} give the address in the active language).
urlpatterns += i18n_patterns(
    path("", include("ocop.catalog.urls")),
    path("", include("ocop.catalog.urls_search")),
    path("", include("ocop.catalog.urls_stats")),
    path("", include("ocop.catalog.urls_misuse")),
    path("", include("ocop.trade.urls_public")),
    path("", include("ocop.catalog.urls_pages")),
    prefix_default_language=False,
)
