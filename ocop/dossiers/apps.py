from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "ocop.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ đánh giá"
    default_auto_field = "django.db.models.BigAutoField"
