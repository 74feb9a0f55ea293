"""The verdict's words (ocop.domain.verdict): a table of standings and their sentences."""

from datetime import date

import pytest

from ocop.domain.status import DecisionFacts, Status
from ocop.domain.validity import last_valid_day
from ocop.domain.verdict import standing_on, verdict

TODAY = date(2026, 1, 10)


def decided(day, stars=3, revoked_on=None, order=1) -> DecisionFacts:
    return DecisionFacts(day, last_valid_day(day), stars, revoked_on, order)


def words(decisions, reason=""):
    said = verdict(standing_on(decisions, TODAY), reason)
    return said.status, said.vi, said.en, said.ground_vi, said.ground_en


@pytest.mark.parametrize(
    ("decisions", "expected"),
    [
        (
            [decided(date(2024, 2, 29), 4)],
            (Status.VALID, "Còn hiệu lực đến hết ngày 28/02/2027", "Valid until 28/02/2027"),
        ),
        (
            [decided(date(2022, 12, 31))],
            (Status.EXPIRED, "Hết hiệu lực từ ngày 01/01/2026", "No longer valid from 01/01/2026"),
        ),
        (
            [decided(date(2022, 12, 30))],
            (Status.EXPIRED, "Hết hiệu lực từ ngày 31/12/2025", "No longer valid from 31/12/2025"),
        ),
        (
            # Re-evaluated: the newer decision's end counts, whichever code was scanned.
            [decided(date(2021, 5, 4), order=1), decided(date(2024, 5, 4), 4, order=2)],
            (Status.VALID, "Còn hiệu lực đến hết ngày 04/05/2027", "Valid until 04/05/2027"),
        ),
        (
            [decided(date(2026, 3, 1))],
            (Status.NOT_RECOGNISED, "Chưa được công nhận", "Not yet recognised"),
        ),
    ],
)
def test_it_says_each_standing_in_both_languages(decisions, expected):
    assert words(decisions)[:3] == expected


def test_it_says_a_revocation_with_its_day_and_ground():
    revoked = [decided(date(2024, 6, 1), revoked_on=date(2025, 9, 15))]
    assert words(revoked, "Vi phạm an toàn thực phẩm") == (
        Status.REVOKED,
        "Đã bị thu hồi ngày 15/09/2025",
        "Revoked on 15/09/2025",
        "Lý do: Vi phạm an toàn thực phẩm",
        "Ground: Vi phạm an toàn thực phẩm",
    )


def test_it_says_when_a_revocation_states_no_ground():
    revoked = [decided(date(2024, 6, 1), revoked_on=date(2025, 9, 15))]
    assert words(revoked)[3] == "Lý do: không ghi trong quyết định thu hồi"


def test_it_says_not_found_without_a_standing():
    said = verdict(None)
    assert (said.status, said.vi, said.en) == (None, "Không tìm thấy", "Not found")


def test_it_names_the_decision_in_force_after_a_revoked_re_evaluation():
    older = decided(date(2024, 1, 5), 3, order=1)
    newer = decided(date(2025, 1, 5), 4, revoked_on=date(2025, 6, 1), order=2)
    standing = standing_on([older, newer], TODAY)
    assert (standing.status, standing.in_force, standing.latest) == (Status.VALID, older, newer)
    assert verdict(standing).vi == "Còn hiệu lực đến hết ngày 05/01/2027"
