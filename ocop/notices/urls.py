from django.urls import path

from ocop.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("tai-ve.xlsx", views.export, name="export"),
]
