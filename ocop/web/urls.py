from django.urls import path

from ocop.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
