"""django-axes, which throttles wrong passwords, under a Vietnamese name in the back office."""

from axes.apps import AppConfig as AxesConfig


class LoginThrottleConfig(AxesConfig):
    """Its own label is "Axes"; officers see "Khoá đăng nhập sai"."""

    verbose_name = "Khoá đăng nhập sai"
