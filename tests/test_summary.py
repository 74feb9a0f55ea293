"""The figures of OCOP.md §2 computed in the database, with the worked examples of §1 and §2."""

from datetime import date

import pytest

from ocop.registry.models import Product
from ocop.registry.summary import summarize
from tests.factories import make_decision, make_producer, make_product

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("decided_on", "day", "valid"),
    [
        (date(2022, 12, 31), date(2025, 12, 31), True),
        (date(2022, 12, 31), date(2026, 1, 1), False),
        (date(2022, 12, 30), date(2025, 12, 30), True),
        (date(2022, 12, 30), date(2025, 12, 31), False),
        (date(2024, 2, 29), date(2027, 2, 28), True),
        (date(2024, 2, 29), date(2027, 3, 1), False),
        (date(2023, 5, 31), date(2026, 5, 31), True),
        (date(2022, 8, 31), date(2025, 8, 31), True),
        (date(2022, 8, 31), date(2025, 9, 1), False),
    ],
)
def test_it_counts_a_product_valid_through_its_last_valid_day(decided_on, day, valid):
    make_decision(decided_on=decided_on)
    summary = summarize(day)
    assert (summary.valid_products, summary.expired_products) == ((1, 0) if valid else (0, 1))


def test_it_ignores_a_decision_signed_after_the_day():
    make_decision(decided_on=date(2026, 1, 15))
    summary = summarize(date(2025, 12, 31))
    assert summary.valid_products == summary.expired_products == 0
    assert Product.objects.not_recognised_on(date(2025, 12, 31)).count() == 1


def test_it_takes_the_stars_of_the_latest_valid_decision():
    product = make_product()
    make_decision(product, date(2021, 3, 1), stars=3)
    make_decision(product, date(2024, 2, 20), stars=4)
    assert summarize(date(2024, 1, 1)).valid_by_stars == {"3": 1, "4": 0, "5": 0}
    assert summarize(date(2024, 6, 1)).valid_by_stars == {"3": 0, "4": 1, "5": 0}


def test_it_counts_a_revoked_product_apart_from_the_expired():
    make_decision(decided_on=date(2023, 1, 10), revoked_on=date(2024, 5, 2))
    assert summarize(date(2024, 5, 1)).valid_products == 1
    on_revocation = summarize(date(2024, 5, 2))
    assert (on_revocation.valid_products, on_revocation.revoked_products) == (0, 1)
    assert on_revocation.expired_products == 0


def test_it_counts_distinct_producers_and_communes_of_valid_products():
    tea = make_producer("HTX Chè Nậm Sỏ", "Nậm Sỏ")
    honey = make_producer("Hộ kinh doanh Lò Văn Thanh", "Bum Tở")
    for name in ["Chè Shan tuyết", "Hồng trà", "Bạch trà"]:
        make_decision(make_product(name, tea), date(2024, 1, 5))
    make_decision(make_product("Mật ong Bum Tở", honey), date(2024, 3, 5), stars=4)
    make_decision(make_product("Măng khô", honey), date(2019, 3, 5))  # expired
    summary = summarize(date(2025, 12, 31))
    assert summary.to_dict() == {
        "as_of": "2025-12-31",
        "valid_products": 4,
        "valid_by_stars": {"3": 3, "4": 1, "5": 0},
        "producers": 2,
        "communes": 2,
        "expired_products": 1,
        "revoked_products": 0,
    }


def test_it_breaks_the_valid_products_down_in_vietnamese_order():
    make_decision(make_product("Chè", make_producer("HTX Một", "Đoàn Kết")), date(2024, 1, 5))
    make_decision(make_product("Mật", make_producer("HTX Hai", "Bum Tở")), date(2024, 1, 5))
    make_decision(make_product("Gạo", make_producer("HKD Ba", "Bản Bo")), date(2024, 1, 5))
    summary = summarize(date(2025, 1, 1), breakdowns=True)
    assert list(summary.by_commune) == ["Bản Bo", "Bum Tở", "Đoàn Kết"]
    assert summary.by_producer_type == {"cooperative": 3}


def test_it_words_the_figures_as_the_letter_does():
    make_decision(decided_on=date(2024, 1, 5), stars=4)
    make_decision(make_product("Hồng trà"), decided_on=date(2020, 1, 5))
    assert summarize(date(2025, 12, 31)).sentence() == (
        "Tính đến ngày 31/12/2025, có 1 sản phẩm OCOP còn thời hạn, trong đó 1 sản phẩm đạt "
        "hạng 4 sao, của 1 chủ thể tại 1 xã, phường; 1 sản phẩm OCOP đã hết thời hạn công nhận "
        "và chưa thực hiện đánh giá, phân hạng lại."
    )


def test_it_narrows_the_count_to_the_products_given():
    make_decision(make_product("Chè", make_producer("HTX Một", "Đoàn Kết")), date(2024, 1, 5))
    make_decision(make_product("Mật", make_producer("HTX Hai", "Bum Tở")), date(2024, 1, 5))
    one_ward = Product.objects.filter(unit__name="Đoàn Kết")
    assert summarize(date(2025, 1, 1), one_ward).valid_products == 1


def test_it_lists_products_expiring_in_a_window_unless_a_later_decision_extends_them():
    renewed = make_product("Chè Shan tuyết")
    make_decision(renewed, date(2023, 3, 10))
    make_decision(renewed, date(2026, 2, 1))
    lapsing = make_product("Hồng trà")
    make_decision(lapsing, date(2023, 3, 20))
    revoked = make_product("Bạch trà")
    make_decision(revoked, date(2023, 3, 25), revoked_on=date(2024, 1, 1))
    window = Product.objects.expiring_between(date(2026, 3, 1), date(2026, 3, 31))
    assert [p.name for p in window] == ["Hồng trà"]
    assert window.get().valid_until == date(2026, 3, 20)
