"""OCOP.md §5: who signed a decision, written in one form, and presumed when a list is silent."""

from datetime import date

import pytest

from ocop.domain.addresses import MergedUnit, old_district
from ocop.domain.issuers import (
    NEW_MINISTRY,
    OLD_MINISTRY,
    is_district_committee,
    issuer_name,
    issuer_on_record,
    presumed_issuer,
)
from tests.test_domain_addresses import NAMES, RESOLVER

CODES = {name: code for code, name in NAMES.items()}


@pytest.mark.parametrize(
    ("stars", "decided_on", "district", "expected"),
    [
        (3, date(2022, 12, 31), "Tam Đường", "UBND huyện Tam Đường"),
        (3, date(2025, 6, 30), "Than Uyên", "UBND huyện Than Uyên"),
        (3, date(2022, 12, 31), "thành phố Lai Châu", "UBND thành phố Lai Châu"),
        (3, date(2022, 12, 31), "Huyện Sìn Hồ", "UBND huyện Sìn Hồ"),
        (3, date(2019, 6, 1), "Thị xã Mường Lay", "UBND thị xã Mường Lay"),
        (4, date(2022, 12, 31), "Tam Đường", "UBND tỉnh Lai Châu"),
        (4, date(2025, 7, 5), None, "UBND tỉnh Lai Châu"),
        (5, date(2022, 12, 31), "Tam Đường", OLD_MINISTRY),
        (5, date(2025, 2, 28), None, OLD_MINISTRY),
        (5, date(2025, 3, 1), None, NEW_MINISTRY),
        (5, date(2025, 7, 5), None, NEW_MINISTRY),
    ],
)
def test_it_presumes_the_issuer_before_the_two_level_government(
    stars, decided_on, district, expected
):
    assert presumed_issuer(stars, decided_on, district, "Lai Châu") == expected


@pytest.mark.parametrize("district", [None, "", "  "])
def test_it_presumes_no_placeholder_when_the_district_is_unknown(district):
    # A district committee signed, but which one is not known: no "UBND cấp huyện".
    assert presumed_issuer(3, date(2022, 12, 31), district, "Lai Châu") is None


@pytest.mark.parametrize(
    ("stars", "decided_on", "expected"),
    [
        (3, date(2025, 7, 1), "UBND tỉnh Lai Châu"),
        (3, date(2025, 7, 4), "UBND tỉnh Lai Châu"),
        (3, date(2025, 7, 6), "UBND tỉnh Lai Châu"),
        (3, date(2025, 12, 31), "UBND tỉnh Lai Châu"),
        (4, date(2025, 7, 6), "UBND tỉnh Lai Châu"),
        (5, date(2025, 7, 6), NEW_MINISTRY),
        (5, date(2026, 3, 1), NEW_MINISTRY),
    ],
)
def test_it_presumes_the_province_once_districts_are_gone(stars, decided_on, expected):
    assert presumed_issuer(stars, decided_on, "Tam Đường", "Lai Châu") == expected
    assert presumed_issuer(stars, decided_on, None, "Lai Châu") == expected


@pytest.mark.parametrize(
    ("province", "expected"),
    [
        ("Lai Châu", "UBND tỉnh Lai Châu"),
        ("tỉnh Lai Châu", "UBND tỉnh Lai Châu"),
        ("thành phố Hà Nội", "UBND thành phố Hà Nội"),
        (" Lai  Châu ", "UBND tỉnh Lai Châu"),
    ],
)
def test_it_does_not_repeat_the_unit_a_province_name_already_says(province, expected):
    assert presumed_issuer(4, date(2024, 1, 1), None, province) == expected


@pytest.mark.parametrize("stars", [0, 1, 2, 6])
def test_it_refuses_a_rating_outside_three_to_five_stars(stars):
    with pytest.raises(ValueError, match=str(stars)):
        presumed_issuer(stars, date(2024, 1, 1), "Tam Đường", "Lai Châu")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("UBND tỉnh", "UBND tỉnh Lai Châu"),
        ("UBND tỉnh Lai Châu", "UBND tỉnh Lai Châu"),
        ("UBND Tỉnh Lai Châu", "UBND tỉnh Lai Châu"),
        ("UBND cấp tỉnh", "UBND tỉnh Lai Châu"),
        ("Ủy ban nhân dân tỉnh Lai Châu", "UBND tỉnh Lai Châu"),
        ("Uỷ ban nhân dân tỉnh", "UBND tỉnh Lai Châu"),
        ("UỶ BAN NHÂN DÂN TỈNH LAI CHÂU", "UBND tỉnh Lai Châu"),
        ("UBND T. Lai Châu", "UBND tỉnh Lai Châu"),
        ("UBND tỉnh Lào Cai", "UBND tỉnh Lào Cai"),
        ("UBND huyện Than Uyên", "UBND huyện Than Uyên"),
        ("  UBND  huyện   Than Uyên. ", "UBND huyện Than Uyên"),
        ("UBND H. Than Uyên", "UBND huyện Than Uyên"),
        ("UBND huyện than uyên", "UBND huyện Than Uyên"),
        ("Ủy ban nhân dân huyện Than Uyên", "UBND huyện Than Uyên"),
        ("UBND huyện Than Uyên, tỉnh Lai Châu", "UBND huyện Than Uyên"),
        ("UBND TP Lai Châu", "UBND thành phố Lai Châu"),
        ("UBND TP. Lai Châu", "UBND thành phố Lai Châu"),
        ("UBND thành phố Lai Châu", "UBND thành phố Lai Châu"),
        ("UBND thị xã Mường Lay", "UBND thị xã Mường Lay"),
        ("Bộ NN&PTNT", OLD_MINISTRY),
        ("Bộ NN & PTNT", OLD_MINISTRY),
        ("Bộ NN và PTNT", OLD_MINISTRY),
        ("Bộ Nông nghiệp và PTNT", OLD_MINISTRY),
        ("Bộ Nông nghiệp và Phát triển nông thôn", OLD_MINISTRY),
        ("Bộ NN&MT", NEW_MINISTRY),
        ("Bộ Nông nghiệp & Môi trường", NEW_MINISTRY),
        ("Bộ Nông nghiệp và Môi trường", NEW_MINISTRY),
        # Not a body this rule knows: kept as written, spaces tidied.
        ("Sở Nông nghiệp  và Môi trường", "Sở Nông nghiệp và Môi trường"),
        ("UBND Than Uyên", "UBND Than Uyên"),
    ],
)
def test_it_writes_each_issuing_body_in_one_form(written, expected):
    assert issuer_name(written, "Lai Châu") == expected
    assert issuer_name(written, "tỉnh Lai Châu") == expected


@pytest.mark.parametrize(
    ("written", "province", "expected"),
    [
        ("UBND tỉnh", "Lào Cai", "UBND tỉnh Lào Cai"),
        ("UBND thành phố Hà Nội", "thành phố Hà Nội", "UBND thành phố Hà Nội"),
        ("UBND cấp tỉnh", "thành phố Hà Nội", "UBND thành phố Hà Nội"),
    ],
)
def test_it_names_the_committee_of_the_province_it_is_given(written, province, expected):
    assert issuer_name(written, province) == expected


@pytest.mark.parametrize(
    "written", ["", "  ", "UBND", "UBND cấp huyện", "UBND huyện", "Ủy ban nhân dân cấp huyện"]
)
def test_it_names_no_body_for_a_level_without_a_name(written):
    # The caller presumes the body instead of printing a placeholder.
    assert issuer_name(written, "Lai Châu") == ""
    assert issuer_name(written, "tỉnh Lai Châu") == ""


@pytest.mark.parametrize(
    ("unit", "district"),
    [
        ("Mù Cả", "Mường Tè"),  # one old commune
        ("Than Uyên", "Than Uyên"),  # several old communes, one district
        ("Pa Tần", "Sìn Hồ"),  # the old commune it is named after, not the majority
        ("Sin Suối Hồ", "Phong Thổ"),
        ("Hua Bum", "Nậm Nhùn"),
        ("Tân Phong", "thành phố Lai Châu"),
    ],
)
def test_it_finds_the_old_district_of_a_current_unit(unit, district):
    assert RESOLVER.old_district_of(CODES[unit]) == district


def test_it_takes_the_district_of_most_old_communes_when_no_name_matches():
    merged = [
        MergedUnit("xã", "A", "Một", "1"),
        MergedUnit("xã", "B", "Hai", "1"),
        MergedUnit("xã", "C", "Hai", "1"),
    ]
    assert old_district("Mới", merged) == "Hai"
    assert old_district("Mới", merged[:2]) == "Một"  # a tie: the first in the merger table
    assert old_district("Mới", []) is None


@pytest.mark.parametrize(
    ("issuer", "presumed", "stars", "decided_on", "expected"),
    [
        # District committees ceased on 01/07/2025: a later decision is never theirs.
        ("UBND huyện Phong Thổ", False, 3, date(2025, 7, 4), ("UBND tỉnh Lai Châu", True)),
        ("UBND huyện Phong Thổ", True, 3, date(2025, 7, 1), ("UBND tỉnh Lai Châu", True)),
        ("UBND thành phố Lai Châu", False, 3, date(2025, 9, 1), ("UBND tỉnh Lai Châu", True)),
        ("UBND huyện Phong Thổ", False, 3, date(2025, 6, 30), ("UBND huyện Phong Thổ", False)),
        ("UBND huyện Phong Thổ", True, 3, date(2025, 6, 30), ("UBND huyện Phong Thổ", True)),
        ("UBND tỉnh Lai Châu", False, 3, date(2025, 7, 4), ("UBND tỉnh Lai Châu", False)),
        (NEW_MINISTRY, False, 5, date(2025, 7, 4), (NEW_MINISTRY, False)),
    ],
)
def test_a_district_is_never_printed_for_a_decision_after_the_cut_over(
    issuer, presumed, stars, decided_on, expected
):
    assert issuer_on_record(issuer, presumed, stars, decided_on, "Lai Châu") == expected


@pytest.mark.parametrize(
    ("issuer", "province", "expected"),
    [
        ("UBND huyện Tam Đường", "Lai Châu", True),
        ("UBND thị xã Mường Lay", "Điện Biên", True),
        ("UBND thành phố Lai Châu", "Lai Châu", True),
        ("UBND thành phố Hà Nội", "thành phố Hà Nội", False),
        ("UBND tỉnh Lai Châu", "Lai Châu", False),
        (OLD_MINISTRY, "Lai Châu", False),
    ],
)
def test_it_tells_a_district_committee(issuer, province, expected):
    assert is_district_committee(issuer, province) is expected
