"""The back office's base: the admin lists with status filters and expiry columns."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ocop.registry.derived import recompute
from ocop.registry.models import Decision, Holiday, Province
from tests.factories import make_decision, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, department_officer):
    client.force_login(department_officer)
    return client


def test_it_filters_products_by_todays_status(officer_client):
    today = timezone.localdate()
    make_decision(make_product("Chè còn hạn"), today - timedelta(days=10))
    make_decision(make_product("Mật ong hết hạn"), today - timedelta(days=1200))
    valid = officer_client.get("/admin/registry/product/?tinh_trang=valid").content.decode()
    expired = officer_client.get("/admin/registry/product/?tinh_trang=expired").content.decode()
    assert "Chè còn hạn" in valid and "Mật ong hết hạn" not in valid
    assert "Mật ong hết hạn" in expired and "Chè còn hạn" not in expired


def test_it_shows_the_last_valid_day_coloured_by_urgency(officer_client):
    today = timezone.localdate()
    decision = make_decision(decided_on=today - timedelta(days=1050))
    html = officer_client.get("/admin/registry/product/").content.decode()
    assert f'<span class="urgency-soon">{decision.last_valid_day:%d/%m/%Y}</span>' in html
    assert "registry/urgency.css" in html


def test_the_last_valid_day_is_derived_never_typed(officer_client):
    product = make_product()
    response = officer_client.post(
        "/admin/registry/decision/add/",
        {
            "product": product.pk,
            "stars": 3,
            "number": "12/QĐ-UBND",
            "decided_on": "29/02/2024",
            "issuer": "UBND tỉnh Lai Châu",
            "last_valid_day": "01/01/2099",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Decision.objects.get().last_valid_day == date(2027, 2, 28)


def test_last_valid_days_follow_the_province_roll_forward_setting_at_once():
    # 36 months after 02/09/2020 is Saturday 02/09/2023 (National Day); 01-04/09/2023 were off.
    decision = make_decision(decided_on=date(2020, 9, 2))
    assert decision.last_valid_day == date(2023, 9, 2)
    Holiday.objects.create(day=date(2023, 9, 1), name="Nghỉ lễ Quốc khánh")
    Holiday.objects.create(day=date(2023, 9, 4), name="Nghỉ lễ Quốc khánh")
    decision.refresh_from_db()
    assert decision.last_valid_day == date(2023, 9, 2)  # the province has not turned it on
    Province.objects.filter(code="12").update(roll_forward_holidays=True)
    decision.refresh_from_db()
    assert decision.last_valid_day == date(2023, 9, 5)
    assert recompute().last_valid_days == 0  # nothing left for a manual recompute
    Holiday.objects.filter(day=date(2023, 9, 4)).delete()
    decision.refresh_from_db()
    assert decision.last_valid_day == date(2023, 9, 4)


def test_dates_are_read_day_first_in_the_back_office(officer_client):
    product = make_product()
    officer_client.post(
        "/admin/registry/decision/add/",
        {"product": product.pk, "stars": 3, "number": "7/QĐ-UBND", "decided_on": "03/04/2024"},
    )
    assert Decision.objects.get().decided_on == date(2024, 4, 3)


def test_the_back_office_speaks_vietnamese_to_an_english_browser(officer_client):
    html = officer_client.get(
        "/admin/registry/product/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert "Chọn sản phẩm để thay đổi" in html
    assert "Select" not in html


def test_an_issuer_typed_in_the_back_office_is_written_in_the_one_form(officer_client):
    product = make_product()
    response = officer_client.post(
        "/admin/registry/decision/add/",
        {
            "product": product.pk,
            "stars": 4,
            "number": "5/QĐ-UBND",
            "decided_on": "03/04/2024",
            "issuer": "UBND tỉnh",
        },
    )
    assert response.status_code == 302
    assert Decision.objects.get().issuer == "UBND tỉnh Lai Châu"
