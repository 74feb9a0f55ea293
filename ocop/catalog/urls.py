from django.urls import path

from ocop.catalog import views

urlpatterns = [
    path("xac-minh/", views.check, name="check"),
    path("xac-minh/<str:code>/", views.verify_page, name="verify"),
    path("xac-minh/<str:code>/qr.svg", views.qr_svg, name="qr_svg"),
    path("xac-minh/<str:code>/qr.png", views.qr_png, name="qr_png"),
    path("xac-minh/<str:code>/nhan/", views.labels, name="labels"),
]
