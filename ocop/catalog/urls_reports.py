from django.urls import path

from ocop.catalog import reports

urlpatterns = [
    path("phan-anh/", reports.report, name="report"),
    path("phan-anh/da-nhan/<str:reference>/", reports.thanks, name="report_thanks"),
]
