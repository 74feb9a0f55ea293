from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "ocop.enforcement"
    label = "enforcement"
    verbose_name = "Thu hồi và kiểm tra nhãn OCOP"
    default_auto_field = "django.db.models.BigAutoField"
