from django.urls import path

from ocop.trade import views_fairs as views

app_name = "fairs"
urlpatterns = [
    path("", views.fair_list, name="list"),
    path("them/", views.fair_create, name="create"),
    path("<int:pk>/", views.fair_edit, name="edit"),
    path("<int:pk>/xoa/", views.fair_delete, name="delete"),
]
