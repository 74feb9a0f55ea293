from django.contrib.auth import views as auth_views
from django.urls import path

from ocop.accounts import sign_in_views, users_views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", sign_in_views.login, name="login"),
    path("dang-nhap/ma-xac-thuc/", sign_in_views.login_code, name="login_code"),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("doi-mat-khau/", sign_in_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "dat-mat-khau/<uidb64>/<token>/",
        sign_in_views.SetPasswordView.as_view(),
        name="set_password",
    ),
    path("xac-thuc-hai-buoc/", sign_in_views.second_factor, name="second_factor"),
    path("nguoi-dung/", users_views.user_list, name="users"),
    path("nguoi-dung/them/", users_views.user_create, name="user_create"),
    path("nguoi-dung/<int:pk>/", users_views.user_edit, name="user_edit"),
]
