from django.urls import path

from ocop.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("xem-truoc/", views.preview, name="preview"),
    path("cong-van<str:fmt>", views.letter, name="letter"),
    path("danh-sach<str:fmt>", views.lists, name="lists"),
    path("sap-het-han<str:fmt>", views.expiring, name="expiring"),
]
