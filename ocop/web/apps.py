from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ocop.web"
    label = "web"
    verbose_name = "Trang web"


class LoginThrottleConfig(AxesConfig):
    """django-axes under a Vietnamese name in the back office (its own label is "Axes")."""

    verbose_name = "Khoá đăng nhập sai"
