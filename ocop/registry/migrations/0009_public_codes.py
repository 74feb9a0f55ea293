# Issue 9: every recognition gets a public code (ocop.domain.public_codes), existing ones too.
from django.db import migrations, models

from ocop.domain.public_codes import new_code


def fill_public_codes(apps, schema_editor):
    Decision = apps.get_model("registry", "Decision")
    rows = list(Decision.objects.filter(public_code__isnull=True).only("pk"))
    taken = set(
        Decision.objects.exclude(public_code__isnull=True).values_list("public_code", flat=True)
    )
    for row in rows:
        code = new_code()
        while code in taken:
            code = new_code()
        taken.add(code)
        row.public_code = code
    Decision.objects.bulk_update(rows, ["public_code"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("registry", "0008_issuers")]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="public_code",
            field=models.CharField(
                editable=False, max_length=9, null=True, verbose_name="mã công khai"
            ),
        ),
        migrations.RunPython(fill_public_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="decision",
            name="public_code",
            field=models.CharField(
                editable=False, max_length=9, unique=True, verbose_name="mã công khai"
            ),
        ),
    ]
