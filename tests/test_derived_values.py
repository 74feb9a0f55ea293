"""Stored derived values (Decision.last_valid_day, Decision.next_decided_on) stay true on every
write path: the admin's real views, the importer, model methods, queryset methods, cascades and
changes of the validity rule. After all of them, recomputing every derived value from scratch
changes nothing, and the figures equal the pure rules of ocop.domain."""

from datetime import date

import pytest
from django.db import connection

from ocop.domain import names, validity
from ocop.domain.status import DecisionFacts, Status, stars_on, status_on
from ocop.imports.engine import import_files
from ocop.registry import links
from ocop.registry.derived import expected_links, recompute
from ocop.registry.models import Decision, Holiday, Producer, Product, Province, Unit
from ocop.registry.summary import summarize
from tests.factories import SAMPLES, make_decision, make_producer, make_product, unit

pytestmark = pytest.mark.django_db

DAYS = [date(2023, 6, 30), date(2024, 12, 31), date(2025, 12, 31), date(2026, 6, 30)]


@pytest.fixture
def officer_client(client, department_officer):
    client.force_login(department_officer)
    return client


def figures_by_the_rules(day: date) -> dict:
    """The summary computed from raw decision rows with ocop.domain only: the last valid day
    derived again from the decision date and the province's rule, never read from storage."""
    holidays = set(Holiday.objects.values_list("day", flat=True))
    facts: dict[int, list[DecisionFacts]] = {}
    rows = Decision.objects.values_list(
        "pk",
        "product_id",
        "decided_on",
        "stars",
        "revoked_on",
        "product__unit__province__roll_forward_holidays",
    )
    for pk, product, decided_on, stars, revoked_on, rolls in rows:
        last = validity.last_valid_day(decided_on, roll_forward=rolls, holidays=holidays)
        facts.setdefault(product, []).append(
            DecisionFacts(decided_on, last, stars, revoked_on, order=pk)
        )
    where = dict(
        (pk, (producer, unit_id))
        for pk, producer, unit_id in Product.objects.values_list("pk", "producer", "unit")
    )
    statuses = {pk: status_on(own, day) for pk, own in facts.items()}
    valid = [pk for pk, status in statuses.items() if status == Status.VALID]
    stars = [stars_on(facts[pk], day) for pk in valid]
    return {
        "valid_products": len(valid),
        "valid_by_stars": {str(s): stars.count(s) for s in (3, 4, 5)},
        "producers": len({where[pk][0] for pk in valid}),
        "communes": len({where[pk][1] for pk in valid}),
        "expired_products": sum(s == Status.EXPIRED for s in statuses.values()),
        "revoked_products": sum(s == Status.REVOKED for s in statuses.values()),
    }


def assert_derived_values_hold() -> None:
    stale_links = [row for row in expected_links(Decision.objects.all()) if row[1] != row[2]]
    assert stale_links == []
    for day in DAYS:
        got = summarize(day).to_dict()
        assert {k: got[k] for k in figures_by_the_rules(day)} == figures_by_the_rules(day), day
    assert recompute().__dict__ == {"last_valid_days": 0, "links": 0}


def latest_decisions(count: int) -> list[Decision]:
    """The latest decision of `count` products that have more than one."""
    chosen = []
    for product in Product.objects.all():
        own = list(product.decisions.order_by("decided_on", "pk"))
        if len(own) > 1:
            chosen.append(own[-1])
        if len(chosen) == count:
            break
    assert len(chosen) == count
    return chosen


def test_every_write_path_keeps_derived_values_true(officer_client):
    # The importer.
    result = import_files([SAMPLES / "ocop-mau-2019-2026.xlsx"])
    assert result.ok, result.lines()
    assert_derived_values_hold()

    # The admin's "delete selected" on the latest decision of 8 products (the reported case).
    doomed = latest_decisions(8)
    response = officer_client.post(
        "/admin/registry/decision/",
        {"action": "delete_selected", "_selected_action": [d.pk for d in doomed], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Decision.objects.filter(pk__in=[d.pk for d in doomed]).exists()
    assert_derived_values_hold()

    # The admin's add form, then its change form moving the decision to another product.
    first, second = Product.objects.order_by("pk")[:2]
    response = officer_client.post(
        "/admin/registry/decision/add/",
        {"product": first.pk, "stars": 4, "number": "99/QĐ-UBND", "decided_on": "15/01/2026"},
    )
    assert response.status_code == 302
    moved = Decision.objects.get(number="99/QĐ-UBND")
    response = officer_client.post(
        f"/admin/registry/decision/{moved.pk}/change/",
        {"product": second.pk, "stars": 4, "number": "99/QĐ-UBND", "decided_on": "15/01/2026"},
    )
    assert response.status_code == 302
    assert Decision.objects.get(pk=moved.pk).product_id == second.pk
    assert_derived_values_hold()

    # The admin's delete view of a product: its decisions go by cascade.
    victim = Decision.objects.order_by("-decided_on").first().product
    response = officer_client.post(f"/admin/registry/product/{victim.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Product.objects.filter(pk=victim.pk).exists()
    assert_derived_values_hold()

    # Model methods: save, delete, a product moved to another commune.
    product = make_product("Trà hoa vàng thử", make_producer("HTX Thử", "Bum Tở"))
    make_decision(product, date(2019, 5, 5))
    later = make_decision(product, date(2022, 5, 5), stars=4)
    make_decision(product, date(2020, 5, 5))
    later.delete()
    product.unit = unit("Nậm Sỏ")
    product.save()
    assert_derived_values_hold()

    # Queryset methods: update of dates and products, delete, bulk_create, bulk_update.
    some = Decision.objects.order_by("pk")[:5]
    Decision.objects.filter(pk__in=[d.pk for d in some]).update(decided_on=date(2024, 2, 29))
    Decision.objects.filter(pk=some[0].pk).update(product=second)
    Decision.objects.filter(pk__in=[d.pk for d in latest_decisions(3)]).delete()
    Decision.objects.bulk_create(
        [Decision(product=first, stars=3, number="1/BULK", decided_on=date(2025, 3, 31))]
    )
    bulk = list(Decision.objects.filter(product=second))
    for decision in bulk:
        decision.decided_on = date(2023, 8, 31)
    Decision.objects.bulk_update(bulk, ["decided_on"])
    Product.objects.filter(pk=first.pk).update(unit=unit("Bum Tở"))
    Product.objects.filter(pk=second.pk).delete()
    assert_derived_values_hold()

    # Changes of the rule: a province rolls days forward, a holiday comes and goes.
    province = Province.objects.get(code="12")
    province.roll_forward_holidays = True
    province.save()
    Holiday.objects.create(day=date(2026, 1, 2), name="Nghỉ Tết Dương lịch")
    assert_derived_values_hold()
    Holiday.objects.filter(day=date(2026, 1, 2)).delete()
    Province.objects.filter(pk=province.pk).update(roll_forward_holidays=False)
    assert_derived_values_hold()


def test_the_expired_count_moves_when_the_admin_deletes_latest_decisions(officer_client):
    """The reported case: deleting the latest decision of re-evaluated products whose earlier
    recognition has run out makes them expired on 31/12/2025."""
    import_files([SAMPLES / "ocop-mau-2019-2026.xlsx"])
    day = date(2025, 12, 31)
    doomed = []
    for latest in latest_decisions(15):
        earlier = [f for f in latest.product.decision_facts() if f.order != latest.pk]
        if latest.decided_on <= day and status_on(earlier, day) == Status.EXPIRED:
            doomed.append(latest)
    assert len(doomed) >= 3
    before = summarize(day)
    officer_client.post(
        "/admin/registry/decision/",
        {"action": "delete_selected", "_selected_action": [d.pk for d in doomed], "post": "yes"},
    )
    after = summarize(day)
    assert after.expired_products == before.expired_products + len(doomed)
    assert after.valid_products == before.valid_products - len(doomed)


def test_the_link_triggers_are_installed_after_migrations():
    wanted = links.SQLITE_TRIGGERS if connection.vendor == "sqlite" else links.PG_TRIGGERS
    assert set(wanted) <= set(links.installed_triggers())


def test_raw_sql_cannot_leave_a_stale_link():
    product = make_product()
    old = make_decision(product, date(2020, 1, 10))
    new = make_decision(product, date(2023, 1, 10))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM registry_decision WHERE id = %s", [new.pk])
    old.refresh_from_db()
    assert old.next_decided_on is None


def test_a_name_changed_by_queryset_update_derives_its_keys_again():
    producer = make_producer("HTX Chè Nậm Sỏ")
    product = make_product("Chè xanh", producer)
    Product.objects.filter(pk=product.pk).update(name="Bạch trà Tả Ngảo")
    Producer.objects.filter(pk=producer.pk).update(name="Hợp tác xã Đoàn Kết")
    Unit.objects.filter(code=product.unit.code).update(name="Nậm Sỏ Mới")
    product.refresh_from_db()
    producer.refresh_from_db()
    unit = Unit.objects.get(pk=product.unit_id)
    assert (product.search_key, product.sort_key) == (
        names.fold("Bạch trà Tả Ngảo"),
        names.sort_text("Bạch trà Tả Ngảo"),
    )
    assert product.name_key == names.product_key("Bạch trà Tả Ngảo")
    assert producer.name_key == names.producer_key("Hợp tác xã Đoàn Kết")
    assert producer.search_key == names.producer_search_key("Hợp tác xã Đoàn Kết")
    assert unit.sort_key == names.sort_text("Nậm Sỏ Mới")
