# The registry's version token, moved by triggers on every table the public pages read, so
# those pages can keep what they computed until the registry changes (ocop/shared/freshness.py).
from django.db import migrations


def install(apps, schema_editor):
    from ocop.shared.freshness import install

    install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from ocop.shared.freshness import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_search_index"), ("registry", "0009_public_codes")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
