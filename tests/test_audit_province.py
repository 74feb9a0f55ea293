"""The log files each entry under the province of the record it is about, never under the
province of whoever made the change: a province's staff read their records' history whoever
wrote it, and a province's log never shows another's records."""

from datetime import date

import pytest

from ocop.audit.models import Entry
from ocop.audit.tracked import TRACKED
from ocop.catalog.models import MisuseReport, PointOfSale
from ocop.registry.models import Holiday, Producer, ProducerType, Province, Unit
from ocop.shared.change_source import source
from tests.admin_forms import form_of
from tests.factories import make_decision, make_product
from tests.quality_cast import jpeg
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ha_noi():
    return Province.objects.get(code="01")


@pytest.fixture
def ha_noi_producer(ha_noi):
    unit = Unit.objects.create(code="00001", name="Phúc Xá", kind="phường", province=ha_noi)
    return Producer.objects.create(
        name="Hợp tác xã Phúc Xá", unit=unit, kind=ProducerType.COOPERATIVE
    )


def entry_of(record) -> Entry:
    return Entry.objects.filter(
        content_type__model=record._meta.model_name, object_pk=str(record.pk)
    ).latest("id")


def test_an_administrator_of_every_province_files_a_change_under_the_records_province(
    client, django_user_model, ha_noi, ha_noi_producer
):
    # A misuse report belongs to the province of the code it quotes: Hà Nội's here. The
    # administrator of every province has no province of their own, and the install's is
    # Lai Châu: neither may take the entry.
    decision = make_decision(make_product("Trà sen Tây Hồ", ha_noi_producer))
    report = MisuseReport.objects.create(
        code=decision.public_code, place="Chợ Đồng Xuân", description="Nhãn giả.", photo=jpeg()
    )
    client.force_login(django_user_model.objects.create_superuser("sieu.quan.tri", "", "x"))
    url = f"/admin/catalog/misusereport/{report.pk}/change/"
    response = client.post(url, {**form_of(client, url), "status": "seen"})
    assert response.status_code == 302
    entry = entry_of(report)
    assert (entry.actor_name, entry.changes["status"]) == ("sieu.quan.tri", ["new", "seen"])
    assert entry.province == ha_noi


def test_a_staff_member_of_another_province_files_a_change_under_the_records_province(
    ha_noi, ha_noi_producer
):
    # A point of sale of all the producer's products: its province is the producer's.
    lai_chau_officer = make_staff("officer", username="can.bo.lai.chau")
    with source("page", actor=lai_chau_officer):
        shop = PointOfSale.objects.create(producer=ha_noi_producer, name="Cửa hàng Hàng Bè")
    assert entry_of(shop).province == ha_noi


def test_rows_every_province_shares_are_filed_under_the_installs_province(ha_noi):
    ha_noi_admin = make_staff("admin", province=ha_noi, username="quan.tri.ha.noi")
    with source("page", actor=ha_noi_admin):
        holiday = Holiday.objects.create(day=date(2031, 1, 2), name="Nghỉ bù")
    assert entry_of(holiday).province.code == "12"


def test_an_account_without_a_profile_is_filed_under_no_province(django_user_model):
    operator = django_user_model.objects.create_superuser("van.hanh", "", "x")
    assert entry_of(operator).province is None


def province_reached(model, lookup: str):
    """The model a lookup of TRACKED ends on, through the models' fields."""
    for step in lookup.split("__"):
        model = model if step == "pk" else model._meta.get_field(step).related_model
    return model


@pytest.mark.parametrize("label", sorted(TRACKED))
def test_every_tracked_model_says_how_its_records_lead_to_their_province(label):
    from django.apps import apps

    assert "province" in TRACKED[label], f"{label}: say which province its entries go to"
    how = TRACKED[label]["province"]
    if isinstance(how, str | tuple):
        model = apps.get_model(label)
        for lookup in how if isinstance(how, tuple) else (how,):
            assert province_reached(model, lookup) is Province, (label, lookup)
