from django.urls import path

from ocop.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/trang-thai.json", views.status, name="status"),
    path("<int:pk>/xac-nhan/", views.confirm, name="confirm"),
    path("<int:pk>/kiem-tra-lai/", views.recheck, name="recheck"),
]
