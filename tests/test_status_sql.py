"""The statuses in SQL (ProductQuerySet) and in Python (ocop.domain.status) must agree."""

import random
from datetime import date, timedelta

import pytest

from ocop.domain.status import Status, expiring_between, stars_on, status_on, valid_until
from ocop.registry.models import Decision, Product
from ocop.registry.summary import summarize
from tests.factories import make_decision, make_producer, make_product

pytestmark = pytest.mark.django_db

START = date(2019, 1, 1)


def random_history(rng: random.Random, products: int) -> None:
    producers = [make_producer(), make_producer("HKD Lò Văn Thanh", "Bum Tở")]
    planned = []
    for i in range(products):
        product = make_product(name=f"Sản phẩm thử {i}", producer=rng.choice(producers))
        day = START + timedelta(days=rng.randrange(2500))
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            revoked = day + timedelta(days=rng.randrange(0, 1200)) if rng.random() < 0.2 else None
            planned.append((product, day, rng.choice([3, 4, 5]), revoked))
            # Re-evaluations land around the expiry, sometimes early, sometimes the same day.
            day = day + timedelta(days=rng.choice([0, 365, 1000, 1096, 1100, 1200]))
    # Out of order, as when an old list is imported after a newer one.
    rng.shuffle(planned)
    for product, day, stars, revoked in planned:
        make_decision(product, day, stars, revoked_on=revoked)


def days_to_check(rng: random.Random) -> list[date]:
    edges = [d.last_valid_day for d in Decision.objects.all()[:30]]
    edges += [d + timedelta(days=1) for d in edges]
    edges += [d.decided_on for d in Decision.objects.all()[:30]]
    edges += [d.revoked_on for d in Decision.objects.exclude(revoked_on=None)]
    return edges + [START + timedelta(days=rng.randrange(4000)) for _ in range(25)]


def test_it_gives_the_same_status_and_stars_in_sql_and_in_python():
    rng = random.Random(7)
    random_history(rng, 60)
    products = list(Product.objects.prefetch_related("decisions"))
    for day in days_to_check(rng):
        expected = {s: set() for s in Status}
        for product in products:
            expected[status_on(product.decision_facts(), day)].add(product.pk)
        got = {
            Status.VALID: Product.objects.valid_on(day),
            Status.EXPIRED: Product.objects.expired_on(day),
            Status.REVOKED: Product.objects.revoked_on(day),
            Status.NOT_RECOGNISED: Product.objects.not_recognised_on(day),
        }
        for status, queryset in got.items():
            assert set(queryset.values_list("pk", flat=True)) == expected[status], (status, day)
        annotated = dict(Product.objects.with_stars_on(day).values_list("pk", "stars_on"))
        for product in products:
            assert annotated[product.pk] == stars_on(product.decision_facts(), day), day


def test_the_expiring_rule_and_the_end_of_recognition_agree_in_sql_and_in_python():
    rng = random.Random(5)
    random_history(rng, 60)
    products = list(Product.objects.prefetch_related("decisions"))
    for day in days_to_check(rng):
        until = dict(Product.objects.with_valid_until(day).values_list("pk", "valid_until"))
        for days in (30, 90, 400):
            end = day + timedelta(days=days)
            got = set(Product.objects.expiring_between(day, end).values_list("pk", flat=True))
            facts = {p.pk: p.decision_facts() for p in products}
            assert got == {pk for pk, own in facts.items() if expiring_between(own, day, end)}
        assert until == {p.pk: valid_until(p.decision_facts(), day) for p in products}, day


def test_the_summary_agrees_with_the_pure_rule():
    rng = random.Random(3)
    random_history(rng, 80)
    products = list(Product.objects.select_related("producer").prefetch_related("decisions"))
    for day in days_to_check(rng):
        facts = {p: p.decision_facts() for p in products}
        valid = [p for p in products if status_on(facts[p], day) is Status.VALID]
        stars = [stars_on(facts[p], day) for p in valid]
        expected = {
            "valid_products": len(valid),
            "valid_by_stars": {str(s): stars.count(s) for s in (3, 4, 5)},
            "producers": len({p.producer_id for p in valid}),
            "communes": len({p.unit_id for p in valid}),
            "expired_products": sum(status_on(facts[p], day) is Status.EXPIRED for p in products),
            "revoked_products": sum(status_on(facts[p], day) is Status.REVOKED for p in products),
        }
        got = summarize(day).to_dict()
        assert {key: got[key] for key in expected} == expected, day


def test_it_keeps_each_decision_linked_to_the_next_one_of_its_product():
    product = make_product()
    late = make_decision(product, date(2025, 3, 1))
    early = make_decision(product, date(2019, 3, 1))
    middle = make_decision(product, date(2022, 3, 1))
    linked = dict(Decision.objects.values_list("pk", "next_decided_on"))
    assert linked == {early.pk: date(2022, 3, 1), middle.pk: date(2025, 3, 1), late.pk: None}
    middle.delete()
    assert Decision.objects.get(pk=early.pk).next_decided_on == date(2025, 3, 1)


def test_it_counts_each_product_in_exactly_one_status():
    rng = random.Random(11)
    random_history(rng, 30)
    for day in days_to_check(rng):
        total = sum(
            getattr(Product.objects, name)(day).count()
            for name in ["valid_on", "expired_on", "revoked_on", "not_recognised_on"]
        )
        assert total == Product.objects.count()
