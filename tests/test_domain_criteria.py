from datetime import date

import pytest

from ocop.domain.criteria import CRITERIA_VERSIONS, criteria_version_on


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
