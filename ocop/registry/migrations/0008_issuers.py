"""Issue 8: every stored issuing body in one form ("UBND tỉnh" -> "UBND tỉnh Lai Châu"), and the
placeholder "UBND cấp huyện" replaced by the real body, presumed from the decision's date, stars
and the old district of its product's address (or, for an address of the new scheme, of its
commune by the merger table)."""

from django.db import migrations

from ocop.domain.addresses import AddressResolver, CurrentUnit, MergedUnit, UnresolvedAddress
from ocop.domain.issuers import issuer_name, presumed_issuer


def name_issuers(apps, schema_editor):
    Province = apps.get_model("registry", "Province")
    Decision = apps.get_model("registry", "Decision")
    for province in Province.objects.filter(units__isnull=False).distinct():
        decisions = Decision.objects.filter(product__unit__province=province)
        unnamed = []
        for written in decisions.exclude(issuer="").values_list("issuer", flat=True).distinct():
            named = issuer_name(written, _name(province))
            if not named:
                unnamed.append(written)
            elif named != written:
                decisions.filter(issuer=written).update(issuer=named)
        if unnamed:
            presume(apps, province, decisions.filter(issuer__in=unnamed))


def presume(apps, province, decisions) -> None:
    Decision = apps.get_model("registry", "Decision")
    resolver = _resolver(apps, province)
    changed = []
    for decision in decisions.select_related("product__unit", "product__producer"):
        district = _district(resolver, decision.product)
        decision.issuer = (
            presumed_issuer(decision.stars, decision.decided_on, district, _name(province)) or ""
        )
        decision.issuer_presumed = bool(decision.issuer)
        changed.append(decision)
    Decision.objects.bulk_update(changed, ["issuer", "issuer_presumed"], batch_size=2000)


def _name(province) -> str:
    return f"{province.kind} {province.name}"  # "thành phố Hà Nội" as well as "tỉnh Lai Châu"


def _district(resolver: AddressResolver, product) -> str | None:
    for address in (product.address, product.producer.address):
        if address:
            try:
                place = resolver.resolve(address)
            except UnresolvedAddress:
                continue
            if place.unit_code == product.unit.code and place.old_district:
                return place.old_district
    return resolver.old_district_of(product.unit.code)


def _resolver(apps, province) -> AddressResolver:
    Unit = apps.get_model("registry", "Unit")
    OldUnit = apps.get_model("registry", "OldUnit")
    units = Unit.objects.filter(province=province).values_list("code", "name", "kind")
    merged = (
        OldUnit.objects.filter(province=province)
        .order_by("pk")  # the merger table's order
        .values_list("kind", "name", "district", "successor__code", "confidence", "district_kind")
    )
    return AddressResolver(
        [CurrentUnit(*unit) for unit in units],
        [
            MergedUnit(kind, name, district, code, confidence == "low", district_kind)
            for kind, name, district, code, confidence, district_kind in merged
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_sort_keys")]

    operations = [migrations.RunPython(name_issuers, migrations.RunPython.noop)]
