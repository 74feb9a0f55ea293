from datetime import date

import pytest

from ocop.domain.criteria import CRITERIA_VERSIONS, criteria_version_on, presumed_issuer

OLD_MINISTRY = "Bộ Nông nghiệp và Phát triển nông thôn"
NEW_MINISTRY = "Bộ Nông nghiệp và Môi trường"


def test_it_knows_when_each_criteria_set_came_into_force():
    assert dict(CRITERIA_VERSIONS) == {
        "1048/QĐ-TTg": date(2019, 8, 21),
        "148/QĐ-TTg": date(2023, 2, 24),
    }


def test_it_lists_the_criteria_sets_oldest_first():
    effective_days = [effective for _, effective in CRITERIA_VERSIONS]
    assert effective_days == sorted(effective_days)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2018, 6, 1), "1048/QĐ-TTg"),
        (date(2019, 8, 20), "1048/QĐ-TTg"),
        (date(2019, 8, 21), "1048/QĐ-TTg"),
        (date(2023, 2, 23), "1048/QĐ-TTg"),
        (date(2023, 2, 24), "148/QĐ-TTg"),
        (date(2025, 12, 31), "148/QĐ-TTg"),
    ],
)
def test_it_tells_which_criteria_were_in_force(day, expected):
    assert criteria_version_on(day) == expected


@pytest.mark.parametrize(
    ("stars", "decided_on", "district", "expected"),
    [
        (3, date(2022, 12, 31), "Tam Đường", "UBND huyện Tam Đường"),
        (3, date(2025, 7, 5), "Than Uyên", "UBND huyện Than Uyên"),
        (3, date(2022, 12, 31), None, "UBND cấp huyện"),
        (3, date(2022, 12, 31), "  ", "UBND cấp huyện"),
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


@pytest.mark.parametrize(
    ("stars", "decided_on", "expected"),
    [
        (3, date(2025, 7, 6), "UBND tỉnh Lai Châu"),
        (3, date(2025, 12, 31), "UBND tỉnh Lai Châu"),
        (4, date(2025, 7, 6), "UBND tỉnh Lai Châu"),
        (5, date(2025, 7, 6), NEW_MINISTRY),
        (5, date(2026, 3, 1), NEW_MINISTRY),
    ],
)
def test_it_presumes_the_province_once_districts_are_gone(stars, decided_on, expected):
    assert presumed_issuer(stars, decided_on, "Tam Đường", "Lai Châu") == expected


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
