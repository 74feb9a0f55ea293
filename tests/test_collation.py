"""One Vietnamese dictionary order (ocop.domain.names) for every sorted output: the admin's
lists and columns, the database's stored sort keys, the export and the report lists."""

from datetime import date

import pytest
from openpyxl import load_workbook

from ocop.domain.names import sort_text
from ocop.imports.engine import import_files
from ocop.imports.export import export
from ocop.registry.models import Producer, Product, Unit
from tests.factories import SAMPLES, make_decision, make_producer, make_product

pytestmark = pytest.mark.django_db

# Each list in dictionary order; the database's own collation puts each one the other way.
PRODUCTS = ["Chè Sin Suối Hồ", "Chè Sìn Hồ", "Măng khô Tả Lèng", "Mâm xôi Tà Tổng"]
PRODUCERS = ["Hợp tác xã Ăn", "Hợp tác xã Ân", "Hợp tác xã Dương", "Hợp tác xã Đường"]


@pytest.fixture
def officer_client(client, department_officer):
    client.force_login(department_officer)
    return client


@pytest.fixture
def registry():
    producers = [make_producer(name) for name in reversed(PRODUCERS)]
    for name, producer in zip(reversed(PRODUCTS), producers, strict=True):
        make_decision(make_product(name, producer=producer), date(2024, 5, 6))


def in_page_order(html: str, names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: html.index(f">{name}<"))


@pytest.mark.parametrize("query", ["", "?o=1"])
def test_the_admin_lists_products_in_dictionary_order(officer_client, registry, query):
    html = officer_client.get(f"/admin/registry/product/{query}").content.decode()
    assert in_page_order(html, PRODUCTS) == PRODUCTS


def test_the_admin_sorts_the_name_column_backwards_in_dictionary_order(officer_client, registry):
    html = officer_client.get("/admin/registry/product/?o=-1").content.decode()
    assert in_page_order(html, PRODUCTS) == PRODUCTS[::-1]


@pytest.mark.parametrize("query", ["", "?o=1"])
def test_the_admin_lists_producers_in_dictionary_order(officer_client, registry, query):
    html = officer_client.get(f"/admin/registry/producer/{query}").content.decode()
    assert in_page_order(html, PRODUCERS) == PRODUCERS


def test_the_admin_lists_communes_in_dictionary_order(officer_client):
    html = officer_client.get("/admin/registry/unit/").content.decode()
    communes = ["Sin Suối Hồ", "Sìn Hồ", "Tà Tổng", "Tả Lèng"]
    assert in_page_order(html, communes) == communes


def test_querysets_sort_in_dictionary_order_by_default(registry):
    assert list(Product.objects.values_list("name", flat=True)) == PRODUCTS
    assert list(Producer.objects.values_list("name", flat=True)) == PRODUCERS


def test_the_migration_gave_the_reference_communes_their_sort_keys():
    units = Unit.objects.all()
    assert units.count() > 30
    assert all(unit.sort_key == sort_text(unit.name) for unit in units)


def test_an_import_keeps_every_sort_key_true_to_its_name():
    import_files([SAMPLES / "ocop-mau-2019-2026.xlsx"])
    for model in (Producer, Product):
        rows = model.objects.all()
        assert rows.count() > 50
        assert all(row.sort_key == sort_text(row.name) for row in rows)


def test_the_export_lists_products_in_dictionary_order(registry, tmp_path):
    export(tmp_path / "so-dang-ky.xlsx", "xlsx")
    sheet = load_workbook(tmp_path / "so-dang-ky.xlsx").active
    assert [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)] == PRODUCTS
