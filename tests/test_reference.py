"""Reference data shipped with the package and loaded by the data migration."""

import pytest
from django.core.management import call_command

from ocop.registry.models import OldUnit, ProductSet, Province, Unit

pytestmark = pytest.mark.django_db


def test_it_holds_the_34_provinces_and_lai_chaus_38_units():
    assert Province.objects.count() == 34
    lai_chau = Unit.objects.filter(province__code="12")
    assert lai_chau.count() == 38
    assert lai_chau.filter(kind="phường").count() == 2
    assert lai_chau.filter(kind="xã").count() == 36


def test_it_maps_the_106_old_units_including_the_traps():
    assert OldUnit.objects.filter(province__code="12").count() == 106
    old_muong_than = OldUnit.objects.get(name="Mường Than", district="Than Uyên")
    assert old_muong_than.successor.name == "Than Uyên"
    assert {o.name for o in Unit.objects.get(name="Mường Than").predecessors.all()} == {
        "Phúc Than",
        "Mường Mít",
    }
    town = OldUnit.objects.get(kind="thị trấn", name="Mường Tè")
    assert town.successor.name == "Bum Tở"


def test_it_flags_the_low_confidence_mergers():
    low = OldUnit.objects.filter(confidence=OldUnit.Confidence.LOW)
    assert {o.successor.name for o in low} == {"Tân Phong", "Đoàn Kết"}


def test_it_holds_the_26_product_sets():
    assert ProductSet.objects.count() == 26
    assert ProductSet.objects.get(key="I.5.a").group == "Chè"


def test_another_province_loads_its_table_once(tmp_path):
    table = tmp_path / "dienbien.csv"
    table.write_text(
        "new_code,new_name,new_type,old_units,confidence,note\n"
        "03127,Mường Phăng,xã,Xã Mường Phăng|Huyện Điện Biên;Xã Nà Nhạn|Huyện Điện Biên,high,\n",
        encoding="utf-8",
    )
    call_command("load_units", str(table), "--province", "11", verbosity=0)
    call_command("load_units", str(table), "--province", "11", verbosity=0)
    unit = Unit.objects.get(code="03127")
    assert unit.province.name == "Điện Biên"
    assert unit.predecessors.count() == 2
