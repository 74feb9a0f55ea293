"""Stars from the evaluation council's score (OCOP.md §5)."""

import math
from decimal import Decimal

VALID_STARS = (3, 4, 5)


def stars_from_score(score: float | Decimal) -> int | None:
    if math.isnan(score) or not 0 <= score <= 100:
        raise ValueError(f"Điểm đánh giá phải từ 0 đến 100, nhận được {score}")
    if score < 50:
        return None
    if score < 70:
        return 3
    # 90 and above is only proposed to the Ministry, which decides the five stars.
    return 4 if score < 90 else 5
