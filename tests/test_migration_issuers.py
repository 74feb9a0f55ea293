"""Migration 0008: stored issuing bodies rewritten to one form, and the old placeholder "UBND cấp
huyện" replaced by the real body presumed from the decision and its product's old district."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps

from ocop.registry.models import Decision
from tests.factories import make_decision, make_producer, make_product

pytestmark = pytest.mark.django_db

migration = import_module("ocop.registry.migrations.0008_issuers")


def migrated(decision) -> tuple[str, bool]:
    migration.name_issuers(apps, None)
    decision.refresh_from_db()
    return decision.issuer, decision.issuer_presumed


def pa_tan_product(address="", producer_address=""):
    producer = make_producer("Hợp tác xã Chè Pa Tần", "Pa Tần", address=producer_address)
    return make_product("Chè búp Pa Tần", producer, address=address)


def placeholder(product, decided_on=date(2022, 5, 14), stars=3) -> Decision:
    return make_decision(product, decided_on, stars, issuer="UBND cấp huyện", issuer_presumed=True)


def test_it_names_the_district_of_the_old_address_as_written():
    product = pa_tan_product(address="Bản Nậm Ban, xã Nậm Ban, huyện Nậm Nhùn")
    assert migrated(placeholder(product)) == ("UBND huyện Nậm Nhùn", True)


def test_it_falls_back_on_the_producers_address():
    product = pa_tan_product(producer_address="xã Trung Chải, huyện Nậm Nhùn")
    assert migrated(placeholder(product)) == ("UBND huyện Nậm Nhùn", True)


def test_without_an_old_address_it_names_the_district_the_commune_is_named_after():
    # xã Pa Tần was made from Nậm Ban and Trung Chải (Nậm Nhùn) and Pa Tần (Sìn Hồ).
    product = pa_tan_product(address="Bản Hon, xã Pa Tần")
    assert migrated(placeholder(product)) == ("UBND huyện Sìn Hồ", True)


def test_it_names_the_province_for_a_placeholder_after_districts_were_gone():
    product = pa_tan_product()
    assert migrated(placeholder(product, date(2025, 8, 1))) == ("UBND tỉnh Lai Châu", True)


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("UBND tỉnh", "UBND tỉnh Lai Châu"),
        ("Ủy ban nhân dân tỉnh Lai Châu", "UBND tỉnh Lai Châu"),
        ("UBND H. Than Uyên", "UBND huyện Than Uyên"),
        ("Bộ NN&PTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
        ("UBND huyện Sìn Hồ", "UBND huyện Sìn Hồ"),
    ],
)
def test_it_rewrites_written_issuers_to_one_form_and_keeps_them_written(stored, expected):
    decision = make_decision(pa_tan_product(), date(2022, 5, 14), issuer=stored)
    assert migrated(decision) == (expected, False)


def test_it_leaves_a_decision_without_issuer_alone():
    decision = make_decision(pa_tan_product(), date(2022, 5, 14), issuer="")
    assert migrated(decision) == ("", False)


cut_over = import_module("ocop.registry.migrations.0010_issuers_after_districts")


@pytest.mark.parametrize(
    ("decided_on", "issuer", "presumed", "expected"),
    [
        # Presumed by the old rule (districts until 05/07/2025): now the province's, presumed.
        (date(2025, 7, 1), "UBND huyện Phong Thổ", True, ("UBND tỉnh Lai Châu", True)),
        (date(2025, 7, 4), "UBND huyện Phong Thổ", True, ("UBND tỉnh Lai Châu", True)),
        # Written by a list: it cannot be either; presumed, for an officer to confirm.
        (date(2025, 7, 4), "UBND huyện Phong Thổ", False, ("UBND tỉnh Lai Châu", True)),
        # Before the cut-over, or not a district: left alone.
        (date(2025, 6, 30), "UBND huyện Phong Thổ", True, ("UBND huyện Phong Thổ", True)),
        (date(2025, 6, 30), "UBND huyện Phong Thổ", False, ("UBND huyện Phong Thổ", False)),
        (date(2025, 7, 4), "UBND tỉnh Lai Châu", False, ("UBND tỉnh Lai Châu", False)),
    ],
)
def test_migration_0010_gives_no_presumed_district_a_decision_after_the_cut_over(
    decided_on, issuer, presumed, expected
):
    decision = make_decision(
        pa_tan_product(), decided_on, 3, issuer=issuer, issuer_presumed=presumed
    )
    cut_over.represume(apps, None)
    decision.refresh_from_db()
    assert (decision.issuer, decision.issuer_presumed) == expected
