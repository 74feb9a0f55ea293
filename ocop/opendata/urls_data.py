"""/du-lieu/: the open data (docs/opendata.md). Vietnamese only: the files' columns and words
are the department's own."""

from django.urls import path, re_path

from ocop.opendata import views_data as views

urlpatterns = [
    path("", views.index, name="data_index"),
    path("tu-dien/", views.dictionary, name="data_dictionary"),
    re_path(r"^so-dang-ky\.(?P<fmt>csv|xlsx|json)$", views.registry_download, name="data_registry"),
    re_path(r"^thay-doi\.(?P<fmt>csv|xlsx|json)$", views.changes_download, name="data_changes"),
    path("dcat.jsonld", views.dcat_metadata, name="data_dcat"),
    path("feed.atom", views.feed, name="data_feed"),
    path("nhung/", views.embed, name="data_widget"),
]
