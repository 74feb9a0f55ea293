from django.urls import path

from ocop.quality import views

app_name = "quality"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("trung-lap/<str:kind_slug>/", views.pair_list, name="pairs"),
    path("trung-lap/<str:kind_slug>/gop/", views.merge_pair, name="merge"),
    path("trung-lap/<str:kind_slug>/khac-nhau/", views.confirm_distinct, name="distinct"),
    path("da-gop/", views.merge_list, name="merges"),
    path("da-gop/<int:pk>/hoan-tac/", views.undo_merge, name="undo"),
    path("thieu-so-quyet-dinh/", views.without_number, name="without_number"),
    path("thieu-bo-san-pham/", views.without_set, name="without_set"),
    path("co-quan-ban-hanh/", views.presumed_issuers, name="presumed_issuers"),
    path("canh-bao-khi-nhap/", views.import_warnings, name="import_warnings"),
]
