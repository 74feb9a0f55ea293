from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ocop.audit"
    label = "audit"
    verbose_name = "Nhật ký thay đổi"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from ocop.audit import chain, import_log, tracked
        from ocop.audit.models import Entry
        from ocop.imports.signals import writing

        tracked.register_all()
        writing.connect(import_log.on_writing, dispatch_uid="ocop.audit.import_log")
        post_save.connect(chain.seal_on_commit, sender=Entry, dispatch_uid="ocop.audit.chain")
