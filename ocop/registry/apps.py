from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RegistryConfig(AppConfig):
    name = "ocop.registry"
    label = "registry"
    verbose_name = "Sổ đăng ký OCOP"

    def ready(self) -> None:
        from ocop import checks  # noqa: F401  (registers the system checks)
        from ocop.registry import derived

        derived.connect_rule_changes()
        post_migrate.connect(_ensure_link_triggers, sender=self)


def _ensure_link_triggers(using, **kwargs) -> None:
    # SQLite drops a table's triggers when a migration rebuilds the table: put them back.
    from django.db import connections

    from ocop.registry.links import TABLE, install_triggers

    connection = connections[using]
    if TABLE in connection.introspection.table_names():
        install_triggers(connection)
