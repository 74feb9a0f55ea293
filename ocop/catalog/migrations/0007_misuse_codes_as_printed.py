# Issue 18: a misuse report's quoted code is kept as it is printed ("H7KQ-3MXP"), whatever the
# reporter typed, because the province a report belongs to is found by that code: a code
# typed in lower case or with a space matched no decision and made the report every
# province's. Reports already received are written the same way; what cannot be a code is
# left as typed.
from django.db import migrations

from ocop.domain.public_codes import normalize


def codes_as_printed(apps, schema_editor):
    MisuseReport = apps.get_model("catalog", "MisuseReport")
    for report in MisuseReport.objects.exclude(code="").only("pk", "code"):
        printed = normalize(report.code)
        if printed is not None and printed != report.code:
            MisuseReport.objects.filter(pk=report.pk).update(code=printed)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_counts_move_to_shared")]

    operations = [migrations.RunPython(codes_as_printed, migrations.RunPython.noop)]
