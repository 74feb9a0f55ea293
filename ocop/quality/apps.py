from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "ocop.quality"
    label = "quality"
    verbose_name = "Chất lượng dữ liệu"
    default_auto_field = "django.db.models.BigAutoField"
