from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "ocop.notices"
    label = "notices"
    verbose_name = "Thư đã gửi"
    default_auto_field = "django.db.models.BigAutoField"
