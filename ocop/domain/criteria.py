"""Criteria sets in force, and who signed a decision when a list does not say (OCOP.md §5)."""

from datetime import date
from functools import lru_cache

from ocop.domain.names import normalize_text
from ocop.domain.stars import VALID_STARS

# The 2018 pilot criteria that 1048/QĐ-TTg replaced are not in our data.
CRITERIA_VERSIONS = (("1048/QĐ-TTg", date(2019, 8, 21)), ("148/QĐ-TTg", date(2023, 2, 24)))

# Decision 1489/QĐ-TTg: provinces recognise 3 stars once districts are gone.
_TWO_LEVEL_GOVERNMENT = date(2025, 7, 6)
_MINISTRY_MERGER = date(2025, 3, 1)
_OLD_MINISTRY = "Bộ Nông nghiệp và Phát triển nông thôn"
_NEW_MINISTRY = "Bộ Nông nghiệp và Môi trường"
# Names that already say their level, e.g. "thành phố Lai Châu", must not become
# "huyện thành phố Lai Châu".
_UNIT_WORDS = ("huyện", "quận", "thị xã", "thành phố", "tỉnh")


def criteria_version_on(day: date) -> str:
    in_force = [name for name, effective in CRITERIA_VERSIONS if effective <= day]
    return in_force[-1] if in_force else CRITERIA_VERSIONS[0][0]


def presumed_issuer(stars: int, decided_on: date, district: str | None, province: str) -> str:
    if stars not in VALID_STARS:
        raise ValueError(f"Số sao không hợp lệ: {stars} (chỉ 3, 4 hoặc 5 sao)")
    if stars == 5:
        return _OLD_MINISTRY if decided_on < _MINISTRY_MERGER else _NEW_MINISTRY
    if stars == 4 or decided_on >= _TWO_LEVEL_GOVERNMENT:
        return _committee("tỉnh", province)
    district = normalize_text(district or "")
    return _committee("huyện", district) if district else "UBND cấp huyện"


@lru_cache(maxsize=1024)  # a province, and its few districts
def _committee(unit: str, name: str) -> str:
    name = normalize_text(name)
    for word in _UNIT_WORDS:
        if name.casefold().startswith(word + " "):
            return f"UBND {word} {name[len(word) + 1 :]}"
    return f"UBND {unit} {name}"
