"""Names as the registry prints them (issue 8): one display name per producer and product, the
best-written form seen in any list and in any order, never over an officer's own."""

import re
from collections import defaultdict
from datetime import date
from io import BytesIO

import openpyxl
import pytest

from ocop.domain.names import producer_key
from ocop.imports.engine import import_files
from ocop.registry.generate import generate
from ocop.registry.models import Producer, Product
from ocop.reports.documents import lists_file
from ocop.reports.lists import checked_lists
from tests.factories import SAMPLES
from tests.workbooks import row, run, simple_list

pytestmark = pytest.mark.django_db

DAY = date(2025, 12, 31)
ADDRESS = "Bản Mới, xã Nậm Sỏ, huyện Tân Uyên"
# The careless spelling is the later one: the latest row's name is not the one printed.
CARELESS = row(1, "Chè xanh Nậm Sỏ", "Hkd lê mý thanh", ADDRESS, 3, "12/QĐ-UBND", date(2024, 5, 2))
CAREFUL = row(
    2, "Hồng trà Nậm Sỏ", "Hộ kinh doanh Lê Mý Thanh", ADDRESS, 3, "34/QĐ-UBND", date(2023, 3, 1)
)
SHOWN = "Hộ kinh doanh Lê Mý Thanh"
ABBREVIATED = re.compile(r"^(?:HTX|HKD|THT|DNTN|C\.?\s*ty)(?![^\W_])", re.IGNORECASE)


def printed_producers(day=DAY) -> list[str]:
    lists = checked_lists(day)
    return [r.producer for r in (*lists.valid.rows, *lists.expired.rows)]


@pytest.mark.parametrize("first", [CARELESS, CAREFUL], ids=["careless first", "careful first"])
def test_a_producer_typed_two_ways_in_one_list_prints_its_best_spelling_once(tmp_path, first):
    second = CAREFUL if first is CARELESS else CARELESS
    assert run(simple_list(tmp_path / "l.xlsx", first, second)).ok
    assert list(Producer.objects.values_list("name", flat=True)) == [SHOWN]
    assert set(printed_producers()) == {SHOWN}


@pytest.mark.parametrize("first", [CARELESS, CAREFUL], ids=["careless first", "careful first"])
def test_a_producer_typed_two_ways_in_two_lists_prints_its_best_spelling_either_order(
    tmp_path, first
):
    second = CAREFUL if first is CARELESS else CARELESS
    assert run(simple_list(tmp_path / "a.xlsx", first)).ok
    assert run(simple_list(tmp_path / "b.xlsx", second)).ok
    assert list(Producer.objects.values_list("name", flat=True)) == [SHOWN]
    assert printed_producers() == [SHOWN, SHOWN]


def test_a_name_seen_only_carelessly_is_printed_written_out_and_capitalised(tmp_path):
    careless = row(1, "Ớt khô bản bo", "Htx thổ cẩm vàng ma chải", "xã Bản Bo, huyện Tam Đường")
    assert run(simple_list(tmp_path / "l.xlsx", careless)).ok
    product = Product.objects.select_related("producer").get()
    assert (product.name, product.producer.name) == (
        "Ớt khô Bản Bo",
        "Hợp tác xã Thổ cẩm Vàng Ma Chải",  # Decree 30's rule for organisations (issue 19)
    )


def test_a_later_list_that_spells_a_name_worse_never_replaces_it(tmp_path):
    good = row(1, "Ớt khô Bản Bo", "Hợp tác xã Thổ cẩm Phong Thổ", ADDRESS, 3, "1/QĐ-UBND")
    later = row(1, "ỚT KHÔ BẢN BO", "Htx thổ cẩm phong thổ", ADDRESS, 4, "9/QĐ-UBND",
                date(2026, 2, 1))  # fmt: skip
    assert run(simple_list(tmp_path / "a.xlsx", good)).ok
    counts = run(simple_list(tmp_path / "b.xlsx", later)).totals()
    assert (counts.decisions_added, counts.products_updated, counts.producers_updated) == (1, 0, 0)
    product = Product.objects.select_related("producer").get()
    shown = (product.name, product.producer.name)
    assert shown == ("Ớt khô Bản Bo", "Hợp tác xã Thổ cẩm Phong Thổ")


def test_an_older_list_that_spells_a_name_better_improves_it(tmp_path):
    careless = row(1, "ớt khô bản bo", "HTX THỔ CẨM PHONG THỔ", ADDRESS, 4, "9/QĐ-UBND",
                   date(2026, 2, 1))  # fmt: skip
    good = row(1, "Ớt khô Bản Bo", "Hợp tác xã Thổ cẩm Phong Thổ", ADDRESS, 3, "1/QĐ-UBND")
    assert run(simple_list(tmp_path / "a.xlsx", careless)).ok
    # One rule for organisation names: the careless spelling already prints as the good one.
    assert Producer.objects.get().name == "Hợp tác xã Thổ cẩm Phong Thổ"
    assert Product.objects.get().name == "Ớt khô Bản Bo"
    counts = run(simple_list(tmp_path / "b.xlsx", good)).totals()
    assert (counts.producers_updated, counts.products_updated) == (0, 0)


def test_one_product_spelled_three_ways_in_one_file_gets_the_best_spelling(tmp_path):
    rows = [
        row(1, "ỚT KHÔ BẢN BO", number="1/QĐ-UBND", decided_on=date(2020, 1, 5)),
        row(2, "Ớt khô Bản Bo", number="2/QĐ-UBND", decided_on=date(2023, 1, 5)),
        row(3, "ớt khô bản bo", number="3/QĐ-UBND", decided_on=date(2025, 1, 5)),
    ]
    assert run(simple_list(tmp_path / "l.xlsx", *rows)).ok
    assert list(Product.objects.values_list("name", flat=True)) == ["Ớt khô Bản Bo"]


# The officer's word.


@pytest.fixture
def officer_client(client, department_officer):
    client.force_login(department_officer)
    return client


def change_form_data(client, url: str) -> dict:
    """What the admin's change form would send back unchanged, inlines included."""
    context = client.get(url).context
    form = context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for each in formset.forms:
            data.update({each.add_prefix(name): each[name].value() for name in each.fields})
    return {name: "" if value is None else value for name, value in data.items()}


def test_an_officers_name_is_kept_through_a_re_import_of_another_spelling(tmp_path, officer_client):
    first = row(1, "Ớt khô Bản Bo", "Htx thổ cẩm phong thổ", ADDRESS, 3, "1/QĐ-UBND")
    assert run(simple_list(tmp_path / "a.xlsx", first)).ok
    producer = Producer.objects.get()
    url = f"/admin/registry/producer/{producer.pk}/change/"
    data = change_form_data(officer_client, url)
    assert data["name"] == "Hợp tác xã Thổ cẩm Phong Thổ"
    data["name"] = "HTX Thổ Cẩm Phong Thổ"  # the officer's choice, however the lists spell it
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    producer.refresh_from_db()
    assert (producer.name, producer.name_set_by_officer) == ("HTX Thổ Cẩm Phong Thổ", True)

    # Without the officer, this spelling would replace the stored one (see the test above).
    later = row(1, "Ớt khô Bản Bo", "Hợp tác xã Thổ cẩm Phong Thổ", ADDRESS, 4, "9/QĐ-UBND",
                date(2026, 2, 1))  # fmt: skip
    counts = run(simple_list(tmp_path / "b.xlsx", later)).totals()
    assert (counts.decisions_added, counts.producers_created) == (1, 0)
    producer.refresh_from_db()
    assert producer.name == "HTX Thổ Cẩm Phong Thổ"


def test_saving_a_producer_without_touching_its_name_leaves_it_to_the_imports(
    tmp_path, officer_client
):
    assert run(simple_list(tmp_path / "a.xlsx", CARELESS)).ok
    producer = Producer.objects.get()
    url = f"/admin/registry/producer/{producer.pk}/change/"
    data = change_form_data(officer_client, url)
    data["phone"] = "0912 345 678"
    assert officer_client.post(url, data).status_code == 302
    producer.refresh_from_db()
    assert (producer.phone, producer.name_set_by_officer) == ("0912 345 678", False)


def test_an_officers_product_name_is_kept_through_a_re_import(tmp_path, officer_client):
    assert run(simple_list(tmp_path / "a.xlsx", row(1, "ớt khô bản bo"))).ok
    product = Product.objects.get()
    url = f"/admin/registry/product/{product.pk}/change/"
    data = change_form_data(officer_client, url)
    data["name"] = "ỚT KHÔ Bản Bo"
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    later = row(1, "Ớt khô Bản Bo", number="9/QĐ-UBND", decided_on=date(2026, 2, 1))
    assert run(simple_list(tmp_path / "b.xlsx", later)).totals().products_created == 0
    product.refresh_from_db()
    assert (product.name, product.name_set_by_officer) == ("ỚT KHÔ Bản Bo", True)


# The shared sample, as the department's lists print it.


@pytest.fixture
def sample():
    result = import_files([SAMPLES / "ocop-mau-2019-2026.xlsx"])
    assert result.ok, result.errors


def test_no_producer_of_the_sample_lists_is_abbreviated_lowercase_or_spelled_twice(sample):
    printed = printed_producers()
    assert printed
    assert [name for name in printed if ABBREVIATED.match(name)] == []
    assert [name for name in printed if name == name.lower()] == []
    spellings = defaultdict(set)
    for name in printed:
        spellings[producer_key(name)].add(name)
    assert {key: names for key, names in spellings.items() if len(names) > 1} == {}
    assert "Hộ kinh doanh Lê A Pư" in printed


def test_the_workbook_of_the_lists_prints_no_abbreviated_or_lowercase_producer(sample):
    book = openpyxl.load_workbook(BytesIO(lists_file(DAY, ".xlsx").content))
    cells = [c for sheet in book for r in sheet.iter_rows(values_only=True) for c in r]
    texts = [c for c in cells if isinstance(c, str)]
    assert "Hộ kinh doanh Tẩn Thị Thiện" in texts
    assert [t for t in texts if ABBREVIATED.match(t)] == []
    assert not {"Hkd lê mý thanh", "Hkd tẩn thị thiện", "Cty tnhh dược liệu pa tần"} & set(texts)


def test_importing_the_sample_twice_still_changes_nothing(sample):
    counts = import_files([SAMPLES / "ocop-mau-2019-2026.xlsx"]).totals()
    assert counts.producers_updated + counts.products_updated == 0
    assert counts.producers_created + counts.products_created + counts.decisions_added == 0


def test_generated_names_are_display_names():
    generate(products=60, seed=3, today=date(2025, 12, 31))
    for name in Producer.objects.values_list("name", flat=True):
        assert not ABBREVIATED.match(name) and name != name.lower()
