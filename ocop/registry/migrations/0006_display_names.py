# Issue 8: names as the registry prints them (ocop.domain.display); an officer's name is kept.
from django.db import migrations, models

from ocop.domain import names
from ocop.domain.display import producer_display_name, product_display_name


def display_names(apps, schema_editor):
    """Existing names become their display form: the type written out, a name typed all lower
    or upper case capitalised, place names capitalised. The identity keys do not change."""
    Province = apps.get_model("registry", "Province")
    for province in Province.objects.all():
        places = _place_names(apps, province)
        _rewrite(apps, "Producer", province, producer_display_name, places, names.producer_key)
        _rewrite(apps, "Product", province, product_display_name, places, names.product_key)


def _place_names(apps, province) -> frozenset[str]:
    Unit, OldUnit = apps.get_model("registry", "Unit"), apps.get_model("registry", "OldUnit")
    found = set(Unit.objects.filter(province=province).values_list("name", flat=True))
    for pair in OldUnit.objects.filter(province=province).values_list("name", "district"):
        found.update(pair)
    return frozenset(filter(None, {*found, province.name}))


def _rewrite(apps, model_name, province, display, places, key_of):
    model = apps.get_model("registry", model_name)
    rows = model.objects.filter(unit__province=province).only("pk", "name", "name_key")
    changed = []
    for row in rows:
        shown = display(row.name, places)
        if shown != row.name and key_of(shown) == row.name_key:
            row.name = shown
            row.search_key = (
                names.producer_search_key(shown) if model_name == "Producer" else names.fold(shown)
            )
            changed.append(row)
    model.objects.bulk_update(changed, ["name", "search_key"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_vietnamese_notes")]

    operations = [
        migrations.AddField(
            model_name="producer",
            name="name_set_by_officer",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="tên do cán bộ sửa"
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="name_set_by_officer",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="tên do cán bộ sửa"
            ),
        ),
        migrations.RunPython(display_names, migrations.RunPython.noop),
    ]
