from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate


class CatalogConfig(AppConfig):
    name = "ocop.catalog"
    label = "catalog"
    verbose_name = "Trang công khai"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ocop.catalog import fulltext, photos
        from ocop.shared import bulk_writes

        post_migrate.connect(_ensure_search_index, sender=self)
        bulk_writes.lifting.connect(fulltext.on_bulk_write, dispatch_uid="catalog-search-index")
        # Signals, not delete() methods: a queryset delete or a product's cascade skips those.
        post_delete.connect(photos.forget_deleted, sender="catalog.ProductPhoto")
        post_delete.connect(photos.forget_report_photo, sender="catalog.MisuseReport")


def _ensure_search_index(using, plan=None, **kwargs) -> None:
    # SQLite drops a table's triggers when a migration rebuilds registry_product: put them
    # back (and refill the index) once the search index's migration has run.
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from ocop.catalog.fulltext import install

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if ("catalog", "0004_search_index") in applied:
        install(connection)
    if ("catalog", "0005_speed") in applied:
        from ocop.shared import freshness

        freshness.install(connection)
