from django.urls import path

from ocop.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log, name="log"),
    path("tai-ve.<str:kind>", views.export, name="export"),
    path("muc/<int:pk>/", views.entry, name="entry"),
    path("<str:key>/<str:pk>/", views.record, name="record"),
]
