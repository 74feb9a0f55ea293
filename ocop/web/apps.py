from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ocop.web"
    label = "web"
    verbose_name = "Trang web"
