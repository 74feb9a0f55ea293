"""When a revocation may be recorded (ocop.domain.revocation), and the reason the public reads."""

from datetime import date

import pytest

from ocop.domain.revocation import Ground, public_reason, refusal
from ocop.domain.status import DecisionFacts

TODAY = date(2026, 1, 10)
FIRST = DecisionFacts(date(2023, 3, 15), date(2026, 3, 15), 3, order=1)
SECOND = DecisionFacts(date(2025, 6, 1), date(2028, 6, 1), 4, order=2)
REVOKED = DecisionFacts(date(2023, 3, 15), date(2026, 3, 15), 3, date(2024, 1, 1), order=3)


@pytest.mark.parametrize(
    ("decision", "others", "revoked_on", "said"),
    [
        (FIRST, [FIRST], date(2023, 3, 15), None),  # the decision's own day
        (FIRST, [FIRST], TODAY, None),  # today
        (FIRST, [FIRST], date(2023, 3, 14), "trước ngày quyết định công nhận 15/03/2023"),
        (FIRST, [FIRST], date(2026, 1, 11), "sau hôm nay (10/01/2026)"),
        (FIRST, [FIRST, SECOND], TODAY, "thu hồi quyết định mới nhất"),
        (SECOND, [FIRST, SECOND], TODAY, None),
        (REVOKED, [REVOKED], TODAY, "đã bị thu hồi ngày 01/01/2024"),
        # after its last valid day: "not re-evaluated within 36 months" is a ground
        (DecisionFacts(date(2021, 1, 4), date(2024, 1, 4), 3, order=4), [], TODAY, None),
    ],
)
def test_refusal(decision, others, revoked_on, said):
    found = refusal(decision, others or [decision], revoked_on, TODAY)
    assert (found is None) if said is None else (said in found)


@pytest.mark.parametrize(
    ("ground", "detail", "expected"),
    [
        (Ground.FOOD_SAFETY, "", "Vi phạm quy định về an toàn thực phẩm"),
        (
            Ground.STOPPED,
            " Giải thể  từ 2025 ",
            "Chủ thể ngừng sản xuất, kinh doanh: Giải thể từ 2025",
        ),
        (Ground.OTHER, "Giả mạo hồ sơ", "Giả mạo hồ sơ"),
        (Ground.OTHER, "", "Lý do khác"),
    ],
)
def test_public_reason(ground, detail, expected):
    assert public_reason(ground, detail) == expected
