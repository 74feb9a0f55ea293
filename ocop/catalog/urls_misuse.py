from django.urls import path

from ocop.catalog import misuse_form

urlpatterns = [
    path("phan-anh/", misuse_form.report, name="report"),
    path("phan-anh/da-nhan/<str:reference>/", misuse_form.thanks, name="report_thanks"),
    path("phan-anh/theo-doi/", misuse_form.follow, name="report_follow"),
]
