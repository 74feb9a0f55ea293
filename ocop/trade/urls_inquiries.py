from django.urls import path

from ocop.trade import views_inquiries as views

app_name = "inquiries"
urlpatterns = [
    path("", views.inquiry_list, name="list"),
    path("noi-co-nhu-cau/", views.demand, name="demand"),
    path("tai-ve.csv", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
]
