from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "ocop.catalog"
    label = "catalog"
    verbose_name = "Trang công khai"
    default_auto_field = "django.db.models.BigAutoField"
