"""The statuses in SQL (ProductQuerySet) and in Python (ocop.domain.status) must agree."""

import random
from datetime import date, timedelta

import pytest

from ocop.domain.status import Status, stars_on, status_on
from ocop.registry.models import Decision, Product
from tests.factories import make_decision, make_producer, make_product

pytestmark = pytest.mark.django_db

START = date(2019, 1, 1)


def random_history(rng: random.Random, products: int) -> None:
    producer = make_producer()
    for i in range(products):
        product = make_product(name=f"Sản phẩm thử {i}", producer=producer)
        day = START + timedelta(days=rng.randrange(2500))
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            revoked = day + timedelta(days=rng.randrange(1, 1200)) if rng.random() < 0.2 else None
            make_decision(product, day, rng.choice([3, 4, 5]), revoked_on=revoked)
            # Re-evaluations land around the expiry, sometimes on a month's last day.
            day = day + timedelta(days=rng.choice([365, 1000, 1096, 1100, 1200]))


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


def test_it_counts_each_product_in_exactly_one_status():
    rng = random.Random(11)
    random_history(rng, 30)
    for day in days_to_check(rng):
        total = sum(
            getattr(Product.objects, name)(day).count()
            for name in ["valid_on", "expired_on", "revoked_on", "not_recognised_on"]
        )
        assert total == Product.objects.count()
