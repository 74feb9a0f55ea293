# Issue 8: Vietnamese dictionary order in the database (names.sort_text), whatever its collation.
from django.db import migrations, models

from ocop.domain.names import sort_text


def fill_sort_keys(apps, schema_editor):
    """Existing rows get the key that derive() gives every row saved from now on."""
    for name in ("Unit", "Producer", "Product"):
        model = apps.get_model("registry", name)
        rows = list(model.objects.only("pk", "name"))
        for row in rows:
            row.sort_key = sort_text(row.name)
        model.objects.bulk_update(rows, ["sort_key"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_display_names")]

    operations = [
        migrations.AddField(
            model_name="producer",
            name="sort_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="product",
            name="sort_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="unit",
            name="sort_key",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="producer",
            options={
                "ordering": ["sort_key", "name"],
                "verbose_name": "chủ thể",
                "verbose_name_plural": "chủ thể",
            },
        ),
        migrations.AlterModelOptions(
            name="product",
            options={
                "ordering": ["sort_key", "name"],
                "verbose_name": "sản phẩm",
                "verbose_name_plural": "sản phẩm",
            },
        ),
        migrations.AlterModelOptions(
            name="unit",
            options={
                "ordering": ["province__code", "sort_key", "name"],
                "verbose_name": "xã/phường",
                "verbose_name_plural": "xã/phường",
            },
        ),
    ]
