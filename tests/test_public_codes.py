"""Public codes: every write path gives each new decision one, unique and typeable."""

import random
import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from ocop.domain.public_codes import ALPHABET, new_code, normalize
from ocop.registry.generate import generate
from ocop.registry.models import Decision
from ocop.registry.public_codes import assign_public_codes
from tests.factories import SAMPLES, make_decision, make_product

CODE = r"^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}$"


def assert_codes(decisions):
    codes = [d.public_code for d in decisions]
    assert codes and all(re.match(CODE, c) for c in codes)
    assert len(set(codes)) == len(codes)


def test_it_never_uses_characters_people_confuse():
    assert not set("0O1IlLUu") & set(ALPHABET)
    assert len(ALPHABET) == 30
    assert all(re.match(CODE, new_code()) for _ in range(200))


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("H7KQ-3MXP", "H7KQ-3MXP"),
        ("h7kq 3mxp", "H7KQ-3MXP"),
        (" h7kq3mxp ", "H7KQ-3MXP"),
        ("H7KQ – 3MXP", "H7KQ-3MXP"),
        ("H7KQ-3MX0", None),  # zero is never printed
        ("H7KQ-3MX", None),
        ("Chè Shan tuyết", None),
        ("", None),
    ],
)
def test_it_reads_a_code_however_it_was_typed(typed, printed):
    assert normalize(typed) == printed


@pytest.mark.django_db
def test_it_gives_a_code_on_save():
    decision = make_decision()
    decision.refresh_from_db()
    assert_codes([decision])


@pytest.mark.django_db
def test_it_keeps_the_code_when_a_decision_is_saved_again():
    decision = make_decision()
    code = decision.public_code
    decision.revoked_on = date(2024, 1, 1)
    decision.save()
    decision.refresh_from_db()
    assert decision.public_code == code


@pytest.mark.django_db
def test_it_gives_codes_on_bulk_create():
    product = make_product()
    Decision.objects.bulk_create(
        Decision(product=product, number=f"{n}/QĐ", decided_on=date(2020 + n, 1, 2), stars=3)
        for n in range(5)
    )
    assert_codes(Decision.objects.all())


@pytest.mark.django_db
def test_it_draws_again_when_a_code_is_taken():
    taken = make_decision()
    drawn = iter([*taken.public_code.replace("-", ""), *"23456789"])
    fresh = Decision(product=taken.product, number="2/QĐ", decided_on=date(2024, 1, 2), stars=3)
    assign_public_codes([fresh], choice=lambda alphabet: next(drawn))
    assert fresh.public_code == "2345-6789"


@pytest.mark.django_db
def test_it_draws_again_when_the_database_refuses_a_code_on_save(monkeypatch):
    taken = make_decision()
    draws = iter([taken.public_code, "2345-6789"])
    # The check before the insert misses the clash (another writer took it meanwhile).
    monkeypatch.setattr("ocop.registry.public_codes.new_code", lambda *a: next(draws))
    monkeypatch.setattr(
        Decision.objects.__class__, "filter", _blind_to_codes(Decision.objects.__class__.filter)
    )
    fresh = make_decision(product=taken.product, decided_on=date(2024, 1, 2))
    assert fresh.public_code == "2345-6789"


def _blind_to_codes(original):
    def filter(self, *args, **kwargs):
        if "public_code__in" in kwargs:
            return original(self, pk__in=[])
        return original(self, *args, **kwargs)

    return filter


@pytest.mark.django_db
def test_it_gives_codes_to_imported_decisions():
    call_command("import", str(SAMPLES / "ocop-mau-2019-2026.xlsx"), stdout=StringIO())
    assert Decision.objects.count() > 10
    assert_codes(Decision.objects.all())


@pytest.mark.django_db
def test_it_gives_codes_to_generated_decisions():
    generate(20, today=date(2025, 12, 31))
    assert_codes(Decision.objects.all())


def test_random_codes_spread_over_the_alphabet():
    rng = random.Random(9)
    symbols = "".join(new_code(rng.choice).replace("-", "") for _ in range(500))
    assert set(symbols) == set(ALPHABET)
