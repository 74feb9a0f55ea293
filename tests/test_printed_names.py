"""Issue 19 item 2 on the registry (ocop.registry.printed): what the lists print for the names
the issue measured: one rule for organisations, one spelling per product across the
province, known places capitalised inside product names, an officer's edit printed as stored,
and nothing rewritten in the registry."""

from datetime import date

import pytest

from ocop.registry.models import Producer, Product
from ocop.reports.lists import valid_list
from tests.factories import make_decision, make_producer, make_product

pytestmark = pytest.mark.django_db

DAY = date(2025, 12, 31)


def printed() -> dict[int, tuple[str, str]]:
    """product id -> (product, producer) as Phụ lục I prints them."""
    rows = valid_list(DAY, Product.objects.all()).rows
    return {row.product_id: (row.product, row.producer) for row in rows}


def recognised(name, producer):
    product = make_product(name, producer)
    make_decision(product, date(2024, 5, 2))
    return product


@pytest.fixture
def thu_lum():
    return make_producer(
        "Hợp tác xã Dịch Vụ Nông Nghiệp Nậm Chà",
        unit_name="Thu Lũm",
        address="bản vàng pheo, xã ka lăng, huyện mường tè",
    )


def test_producers_follow_one_rule_for_organisation_names(thu_lum):
    weavers = make_producer("Tổ hợp tác dệt thổ cẩm Sin Suối Hồ", unit_name="Sin Suối Hồ")
    first, second = recognised("Dưa hấu", thu_lum), recognised("Túi thổ cẩm", weavers)
    shown = printed()
    assert shown[first.pk][1] == "Hợp tác xã Dịch vụ nông nghiệp Nậm Chà"
    assert shown[second.pk][1] == "Tổ hợp tác Dệt thổ cẩm Sin Suối Hồ"
    assert Producer.objects.get(pk=thu_lum.pk).name == "Hợp tác xã Dịch Vụ Nông Nghiệp Nậm Chà"


def test_one_product_is_printed_in_one_spelling(thu_lum):
    other = make_producer("Hợp tác xã Ka Lăng", unit_name="Thu Lũm")
    careful = recognised("Gạo Séng Cù Ka Lăng", thu_lum)
    hasty = recognised("Gạo séng cù Ka Lăng", other)
    shown = printed()
    assert shown[careful.pk][0] == shown[hasty.pk][0] == "Gạo Séng Cù Ka Lăng"
    assert Product.objects.get(pk=hasty.pk).name == "Gạo séng cù Ka Lăng"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        # A hamlet the list's addresses name ("bản vàng pheo").
        ("Dưa hấu vàng pheo", "Dưa hấu Vàng Pheo"),
        # A proper name of the department's known products ("Du lịch cộng đồng bản Sì Thâu
        # Chải").
        ("Mác mật sì thâu chải", "Mác mật Sì Thâu Chải"),
        # A commune of the unit tables.
        ("Mật ong ka lăng", "Mật ong Ka Lăng"),
        # Nothing known: as written.
        ("Chè dây", "Chè dây"),
    ],
)
def test_known_places_inside_product_names_are_capitalised(thu_lum, written, shown):
    product = recognised(written, thu_lum)
    assert printed()[product.pk][0] == shown


def test_an_officers_edit_is_printed_as_stored_and_sets_the_spelling(thu_lum):
    other = make_producer("Hợp tác xã Ka Lăng", unit_name="Thu Lũm")
    edited = recognised("Gạo séng cù Ka Lăng", thu_lum)
    Product.objects.filter(pk=edited.pk).update(name_set_by_officer=True)
    namesake = recognised("Gạo Séng Cù Ka Lăng", other)
    Producer.objects.filter(pk=thu_lum.pk).update(name_set_by_officer=True)
    shown = printed()
    assert shown[edited.pk] == ("Gạo séng cù Ka Lăng", "Hợp tác xã Dịch Vụ Nông Nghiệp Nậm Chà")
    assert shown[namesake.pk][0] == "Gạo séng cù Ka Lăng"
