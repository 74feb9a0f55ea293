"""A council's score sheet (OCOP.md §5): parts A, B and C with their maxima, the total, and the
stars it earns once missing mandatory criteria cap them. Stars from points stay in
ocop.domain.stars; this module only adds the parts and the cap."""

from decimal import Decimal

from ocop.domain.stars import VALID_STARS, stars_from_score

# Part A product and community strength, part B marketing, part C quality.
PART_MAXIMA = {"A": Decimal(40), "B": Decimal(25), "C": Decimal(35)}
PART_NAMES = {
    "A": "Phần A — Sản phẩm và sức mạnh cộng đồng",
    "B": "Phần B — Khả năng tiếp thị",
    "C": "Phần C — Chất lượng sản phẩm",
}


class ScoreError(ValueError):
    """A score sheet we refuse; `str()` is the Vietnamese message, `part` the part at fault."""

    def __init__(self, message: str, part: str | None = None):
        self.part = part
        super().__init__(message)


def total_score(parts: dict[str, Decimal]) -> Decimal:
    """The sum of parts A, B and C, after checking each lies within 0 and its maximum."""
    for part, maximum in PART_MAXIMA.items():
        if part not in parts or parts[part] is None:
            raise ScoreError(f"Thiếu điểm phần {part}.", part)
        value = Decimal(parts[part])
        if not value.is_finite() or value < 0:
            raise ScoreError(f"Điểm phần {part} phải từ 0 trở lên.", part)
        if value > maximum:
            raise ScoreError(
                f"Điểm phần {part} tối đa {maximum} điểm, nhận được {_points(value)}.", part
            )
    unknown = set(parts) - set(PART_MAXIMA)
    if unknown:
        raise ScoreError(f"Không có phần {', '.join(sorted(unknown))} trong phiếu chấm.")
    return sum((Decimal(parts[p]) for p in PART_MAXIMA), Decimal(0))


def star_cap(missing_for: set[int] | list[int]) -> int | None:
    """The most stars a product may get when it misses the mandatory criteria (*) of the
    given star levels: one less than the lowest such level, since a level's mandatory
    criteria hold for every level above it. 5 when nothing is missing; None (not
    recognised) when a 3-star mandatory criterion is missing."""
    levels = set(missing_for)
    wrong = levels - set(VALID_STARS)
    if wrong:
        raise ScoreError(f"Hạng sao không hợp lệ: {', '.join(map(str, sorted(wrong)))}.")
    if not levels:
        return max(VALID_STARS)
    lowest = min(levels)
    return None if lowest == min(VALID_STARS) else lowest - 1


def capped_stars(score: Decimal, missing_for: set[int] | list[int] = ()) -> int | None:
    """The stars a score earns (ocop.domain.stars), no more than the cap of the missing
    mandatory criteria; None when the product is not recognised."""
    earned = stars_from_score(score)
    cap = star_cap(missing_for)
    if earned is None or cap is None:
        return None
    return min(earned, cap)


def _points(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")
