from django.urls import path

from ocop.enforcement import views_inbox, views_inspections, views_revocations

app_name = "enforcement"
urlpatterns = [
    path("thu-hoi/", views_revocations.index, name="revocations"),
    path("thu-hoi/quyet-dinh/<int:decision_pk>/", views_revocations.revoke, name="revoke"),
    path("thu-hoi/<int:pk>/", views_revocations.detail, name="revocation"),
    path("thu-hoi/<int:pk>/ban-scan/", views_revocations.scan, name="scan"),
    path("kiem-tra/", views_inspections.index, name="inspections"),
    path("kiem-tra/them/", views_inspections.create, name="inspection_create"),
    path("kiem-tra/tong-hop/", views_inspections.summary, name="summary"),
    path("kiem-tra/<int:pk>/", views_inspections.detail, name="inspection"),
    path("kiem-tra/<int:pk>/sua/", views_inspections.edit, name="inspection_edit"),
    path("kiem-tra/anh/<int:pk>/", views_inspections.photo, name="photo"),
    path("phan-anh/", views_inbox.inbox, name="inbox"),
    path("phan-anh/<int:pk>/", views_inbox.report, name="report"),
]
