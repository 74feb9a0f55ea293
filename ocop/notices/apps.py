from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "ocop.notices"
    label = "notices"
    verbose_name = "Thư đã gửi"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ocop.notices.reminders import release_claims
        from ocop.notices.sending import delivered

        delivered.connect(release_claims, dispatch_uid="notices.release_claims")
