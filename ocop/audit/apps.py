from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ocop.audit"
    label = "audit"
    verbose_name = "Nhật ký thay đổi"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ocop.audit import import_log, tracked
        from ocop.imports.signals import writing

        tracked.register_all()
        writing.connect(import_log.on_writing, dispatch_uid="ocop.audit.import_log")
