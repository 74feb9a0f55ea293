"""Issue 19: district committees ceased on 01/07/2025 (OCOP.md §5), not on 06/07/2025 as the
rule first had it. A presumed district committee on a decision of 01/07/2025 or later becomes
the province's committee, still presumed; an issuer an officer confirmed or a list wrote is
left alone (the lists correct it at print, ocop.domain.issuers.issuer_on_record)."""

from django.db import migrations

from ocop.domain.issuers import TWO_LEVEL_GOVERNMENT, is_district_committee, presumed_issuer


def represume(apps, schema_editor):
    Province = apps.get_model("registry", "Province")
    Decision = apps.get_model("registry", "Decision")
    for province in Province.objects.all():
        name = f"{province.kind} {province.name}"
        changed = []
        decisions = Decision.objects.filter(
            product__unit__province=province,
            issuer_presumed=True,
            decided_on__gte=TWO_LEVEL_GOVERNMENT,
        )
        for decision in decisions:
            if is_district_committee(decision.issuer, name):
                decision.issuer = presumed_issuer(decision.stars, decision.decided_on, None, name)
                changed.append(decision)
        Decision.objects.bulk_update(changed, ["issuer"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("registry", "0009_public_codes")]

    operations = [migrations.RunPython(represume, migrations.RunPython.noop)]
