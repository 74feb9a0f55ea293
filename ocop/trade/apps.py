from django.apps import AppConfig


class TradeConfig(AppConfig):
    name = "ocop.trade"
    label = "trade"
    verbose_name = "Kết nối cung cầu"
    default_auto_field = "django.db.models.BigAutoField"
