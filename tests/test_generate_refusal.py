"""`ocop generate` makes up products: it refuses a registry that holds real data (imported or
entered by hand) unless --force, and says what it would have added."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.registry.generate import GENERATED_SOURCE, RealDataPresent, generate
from ocop.registry.models import Decision, Product
from ocop.registry.summary import summarize
from tests.factories import SAMPLES, make_decision, make_product
from tests.workbooks import run

pytestmark = pytest.mark.django_db
DAY = date(2025, 12, 31)


def generate_command(*args):
    out = StringIO()
    call_command("generate", "--today", "2025-12-31", *args, stdout=out)
    return out.getvalue()


def test_it_refuses_to_mix_made_up_products_into_an_imported_list():
    assert run(SAMPLES / "ocop-mau-2019-2026.xlsx").ok
    before = summarize(DAY).valid_products
    with pytest.raises(CommandError) as refused:
        generate_command("--products", "300")
    message = str(refused.value)
    assert "đã có dữ liệu thật" in message
    assert "300 sản phẩm mẫu (tự sinh)" in message
    assert "--force" in message
    assert refused.value.returncode == 1
    assert summarize(DAY).valid_products == before


def test_it_adds_them_anyway_with_force():
    make_decision(decided_on=date(2024, 1, 10))
    assert "Đã sinh 20 sản phẩm" in generate_command("--products", "20", "--force")
    assert Product.objects.count() == 21


def test_it_refuses_a_product_entered_by_hand_even_without_a_decision():
    make_product("Mật ong hoa ban")
    with pytest.raises(RealDataPresent):
        generate(5, today=DAY)


def test_it_adds_to_an_empty_registry_and_to_generated_data():
    generate(10, today=DAY)
    generate(10, seed=7, today=DAY)
    assert Product.objects.count() == 20
    assert set(Decision.objects.values_list("source", flat=True)) == {GENERATED_SOURCE}
