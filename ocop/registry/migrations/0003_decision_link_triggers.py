# Database triggers that keep Decision.next_decided_on (ocop/registry/links.py).
from django.db import migrations


def install(apps, schema_editor):
    from ocop.registry.links import install_triggers

    install_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_reference_data")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop, elidable=False)]
