# The public search's index: an FTS5 table kept by triggers on SQLite, GIN indexes on
# PostgreSQL (ocop/catalog/fulltext.py).
from django.db import migrations


def install(apps, schema_editor):
    from ocop.catalog.fulltext import install

    install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from ocop.catalog.fulltext import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_misuse_reports"), ("registry", "0007_sort_keys")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
