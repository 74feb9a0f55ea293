from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "ocop.opendata"
    label = "opendata"
    verbose_name = "Dữ liệu mở"
    default_auto_field = "django.db.models.BigAutoField"
