from django.urls import path

from ocop.trade import inquiry_form

urlpatterns = [
    path("hoi-mua/<int:pk>/", inquiry_form.inquiry, name="inquiry"),
    path("hoi-mua/<int:pk>/da-nhan/<str:reference>/", inquiry_form.thanks, name="inquiry_thanks"),
]
