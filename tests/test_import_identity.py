"""Rows matched to what is stored by the keys of OCOP.md §3: re-imports change nothing, later
lists add what is new, contradictions and near-matches are reported, never applied."""

from datetime import date

import pytest

from ocop.imports.models import ImportRun
from ocop.registry.models import Decision, Producer, Product
from tests.factories import make_decision, make_producer, make_product
from tests.workbooks import HEADER, row, run, simple_list, write_xlsx

pytestmark = pytest.mark.django_db

RE_EVALUATED = row(number="88/QĐ-UBND", decided_on=date(2026, 3, 10), stars=4)


def test_importing_the_same_file_twice_writes_nothing(tmp_path):
    path = simple_list(tmp_path / "l.xlsx", row(), row(2, "Hồng trà Nậm Sỏ"))
    assert run(path).ok
    stamps = sorted(Product.objects.values_list("updated_at", flat=True))
    stamps += sorted(Producer.objects.values_list("updated_at", flat=True))
    counts = run(path).totals()
    assert (counts.unchanged, counts.decisions_added, counts.products_updated) == (2, 0, 0)
    assert counts.producers_created + counts.products_created + counts.producers_updated == 0
    after = sorted(Product.objects.values_list("updated_at", flat=True))
    after += sorted(Producer.objects.values_list("updated_at", flat=True))
    assert after == stamps
    assert Decision.objects.count() == 2


def test_a_re_evaluated_product_is_one_product_with_two_decisions(tmp_path):
    assert run(simple_list(tmp_path / "2023.xlsx", row())).ok
    later = simple_list(tmp_path / "2026.xlsx", row(), RE_EVALUATED)
    counts = run(later).totals()
    assert (counts.decisions_added, counts.unchanged, counts.products_created) == (1, 1, 0)
    product = Product.objects.get()
    assert list(product.decisions.values_list("stars", flat=True)) == [3, 4]
    assert product.stars_on(date(2026, 6, 1)) == 4


def test_a_later_list_updates_descriptive_fields_but_an_older_one_does_not(tmp_path):
    new_scheme = row(
        address="Bản Mới, xã Nậm Sỏ", number="88/QĐ-UBND", decided_on=date(2026, 3, 10)
    )
    run(simple_list(tmp_path / "a.xlsx", row()))
    counts = run(simple_list(tmp_path / "b.xlsx", new_scheme)).totals()
    assert counts.products_updated == 1
    assert Product.objects.get().address == "Bản Mới, xã Nậm Sỏ"
    counts = run(simple_list(tmp_path / "a.xlsx", row())).totals()
    assert counts.products_updated == 0
    assert Product.objects.get().address == "Bản Mới, xã Nậm Sỏ"


def test_a_blank_cell_never_erases_a_stored_value(tmp_path):
    producer = make_producer(address="Bản Mới, xã Nậm Sỏ", phone="0912 345 678")
    make_decision(make_product(producer=producer), decided_on=date(2020, 1, 1))
    header = [*HEADER, "Điện thoại"]
    later = [*row(number="77/QĐ-UBND", decided_on=date(2024, 1, 1)), None]
    assert run(write_xlsx(tmp_path / "l.xlsx", {"S": [header, later]})).ok
    producer.refresh_from_db()
    assert producer.phone == "0912 345 678"


def test_a_contradiction_is_reported_and_not_applied(tmp_path):
    run(simple_list(tmp_path / "a.xlsx", row()))
    wrong_stars = row(stars=4)
    wrong_day = row(2, "Chè Shan tuyết Nậm Sỏ", decided_on=date(2023, 3, 16))
    new = row(3, "Hồng trà Nậm Sỏ", number="99/QĐ-UBND")
    result = run(simple_list(tmp_path / "b.xlsx", wrong_stars, wrong_day, new))
    assert result.ok
    assert [str(c) for c in result.contradictions] == [
        "b.xlsx › Năm 2023 › dòng 4 — mâu thuẫn: cùng số quyết định, sổ đăng ký ghi ngày "
        "15/03/2023, 3 sao; không áp dụng dòng này",
        "b.xlsx › Năm 2023 › dòng 5 — mâu thuẫn: cùng số quyết định, sổ đăng ký ghi ngày "
        "15/03/2023, 3 sao; không áp dụng dòng này",
    ]
    assert result.totals().contradictions == 2
    assert list(Decision.objects.values_list("number", "stars").order_by("number")) == [
        ("123/QĐ-UBND", 3),
        ("99/QĐ-UBND", 3),
    ]


def test_the_same_number_in_another_year_is_another_decision(tmp_path):
    run(simple_list(tmp_path / "a.xlsx", row(), row(number="123/QĐ-UBND", decided_on="1/6/2026")))
    assert Decision.objects.count() == 2


def test_two_rows_of_one_file_that_disagree_are_an_error(tmp_path):
    result = run(simple_list(tmp_path / "a.xlsx", row(), row(2, stars=4)))
    assert [str(e) for e in result.errors] == [
        "a.xlsx › Năm 2023 › dòng 5 — mâu thuẫn: cùng số quyết định, a.xlsx › Năm 2023 › "
        "dòng 4 ghi ngày 15/03/2023, 3 sao"
    ]
    assert Decision.objects.count() == 0
    assert ImportRun.objects.get().status == ImportRun.Status.REFUSED


def test_a_repeated_row_is_imported_once_with_a_warning(tmp_path):
    result = run(simple_list(tmp_path / "a.xlsx", row(), row(2)))
    assert result.ok and Decision.objects.count() == 1
    assert "trùng với a.xlsx › Năm 2023 › dòng 4" in str(result.warnings[0])


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("Hợp tác xã Chè Nậm Sỏ", "Hợp tác xã Che Nam So"),
        ("Hợp tác xã Chè Nậm Sỏ", "Hợp tác xã Chè Nậm Sò"),
        ("Hợp tác xã Chè Mường Khoa", "Hợp tác xã Chè Mường Khao"),
    ],
)
def test_near_matching_producers_are_reported_not_merged(tmp_path, stored, written):
    make_producer(stored)
    result = run(simple_list(tmp_path / "a.xlsx", row(producer=written)))
    assert result.ok
    assert Producer.objects.count() == 2
    [warning] = result.warnings
    assert f'gần giống chủ thể "{stored}" (cùng xã/phường)' in str(warning)
    assert "cần người kiểm tra" in str(warning)


def test_near_matching_products_of_one_producer_are_reported(tmp_path):
    path = simple_list(
        tmp_path / "a.xlsx",
        row(1, "Chè Shan tuyết Nậm Sỏ", number="1/QĐ-UBND"),
        row(2, "Chè San tuyết Nậm Sỏ", number="2/QĐ-UBND"),
    )
    result = run(path)
    assert Product.objects.count() == 2
    [warning] = result.warnings  # said once for the pair
    assert 'dòng 4 — gần giống sản phẩm "Chè San tuyết Nậm Sỏ" (cùng chủ thể)' in str(warning)


def test_names_that_differ_in_their_numbers_are_not_near_matches(tmp_path):
    path = simple_list(
        tmp_path / "a.xlsx",
        row(1, "Trà hoa vàng số 1", number="1/QĐ-UBND"),
        row(2, "Trà hoa vàng số 2", number="2/QĐ-UBND"),
    )
    assert run(path).warnings == []


def test_one_name_in_two_communes_is_two_producers(tmp_path):
    path = simple_list(
        tmp_path / "a.xlsx",
        row(1, "Mật ong", "HKD Lò Văn Thanh", "xã Mường Tè", number="1/QĐ-UBND"),
        row(2, "Mật ong", "HKD Lò Văn Thanh", "xã Lê Lợi", number="2/QĐ-UBND"),
    )
    assert run(path).ok
    assert Producer.objects.count() == 2


def test_a_tax_code_identifies_a_producer_across_communes(tmp_path):
    header = [*HEADER, "Mã số thuế"]
    path = write_xlsx(
        tmp_path / "a.xlsx",
        {
            "S": [
                header,
                [*row(1, "Mật ong", "Công ty TNHH Ong Mật", "xã Mường Tè"), "6200123456"],
                [*row(2, "Chè", "Cty TNHH Ong Mật Lai Châu", "xã Lê Lợi", number="2/QĐ-UBND",
                      decided_on=date(2024, 1, 1)), 6200123456],
            ]
        },
    )  # fmt: skip
    assert run(path).ok
    producer = Producer.objects.get()
    assert (producer.tax_code, producer.unit.name) == ("6200123456", "Lê Lợi")
    assert producer.products.count() == 2


def test_a_dry_run_checks_and_counts_but_writes_nothing(tmp_path):
    result = run(simple_list(tmp_path / "a.xlsx", row()), dry_run=True)
    assert result.totals().decisions_added == 1
    assert Decision.objects.count() == 0
    assert ImportRun.objects.get().status == ImportRun.Status.DRY_RUN


def test_imported_rows_hold_what_derive_would_set(tmp_path):
    # The importer writes keys it computed while checking instead of calling derive() on
    # every new row; both must agree.
    path = simple_list(
        tmp_path / "a.xlsx",
        row(1, "  Chè  Shan tuyết ", "HTX  chè Nậm Sỏ", number="1/QĐ-UBND"),
        row(2, "Mật ong (hoa ban).", "Cty CP Ong - Mật", number="2/QĐ-UBND"),
        row(3, "Bánh te\u0301\u0302t", "Hộ kinh doanh Lò Văn A", number="3/QĐ-UBND"),
    )
    assert run(path).ok
    for instance in [*Producer.objects.all(), *Product.objects.all()]:
        stored = (instance.name, instance.name_key, getattr(instance, "tax_code", None))
        instance.derive()
        assert (instance.name, instance.name_key, getattr(instance, "tax_code", None)) == stored
