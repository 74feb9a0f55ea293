"""Issue 19: district committees ceased on 01/07/2025 (OCOP.md §5), not on 06/07/2025 as the
rule first had it. A district committee stored for a decision of 01/07/2025 or later, presumed
or written by a list, becomes the body the rule presumes (the province's committee), flagged
presumed for an officer to confirm at the desk, as the importer now does with such a list."""

from django.db import migrations

from ocop.domain.issuers import TWO_LEVEL_GOVERNMENT, is_district_committee, presumed_issuer


def represume(apps, schema_editor):
    Province = apps.get_model("registry", "Province")
    Decision = apps.get_model("registry", "Decision")
    for province in Province.objects.all():
        name = f"{province.kind} {province.name}"
        changed = []
        decisions = Decision.objects.filter(
            product__unit__province=province, decided_on__gte=TWO_LEVEL_GOVERNMENT
        ).exclude(issuer="")
        for decision in decisions:
            if is_district_committee(decision.issuer, name):
                decision.issuer = presumed_issuer(decision.stars, decision.decided_on, None, name)
                decision.issuer_presumed = True
                changed.append(decision)
        Decision.objects.bulk_update(changed, ["issuer", "issuer_presumed"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("registry", "0009_public_codes")]

    operations = [migrations.RunPython(represume, migrations.RunPython.noop)]
