"""The figures in words (OCOP.md §2): one wording for the letter, the home page and
`ocop summary`. Pure functions from numbers to Vietnamese phrases; nothing here counts."""

from collections.abc import Mapping
from datetime import date

from ocop.domain.dates import format_date

# What the letter says when no level has a product, so that a template reading
# "…, trong đó {cac_hang_sao}, …" still makes a sentence.
NO_STARS = "không có sản phẩm nào đạt hạng sao"


def products(n: int) -> str:
    return f"{n} sản phẩm"


def stars_phrase(by_stars: Mapping[int | str, int]) -> str:
    """Every level that has products, highest first ("2 sản phẩm đạt hạng 5 sao, 13 sản phẩm
    đạt hạng 4 sao"); a level with none is left out, so no level at all gives ""."""
    levels = sorted(((int(stars), n) for stars, n in by_stars.items() if n), reverse=True)
    return ", ".join(f"{products(n)} đạt hạng {stars} sao" for stars, n in levels)


def stars_breakdown(by_stars: Mapping[int | str, int]) -> str:
    """The stars phrase, or a phrase saying there is none (the letter's `{cac_hang_sao}`)."""
    return stars_phrase(by_stars) or NO_STARS


def valid_phrase(valid: int, by_stars: Mapping[int | str, int], producers: int, communes: int):
    stars = stars_phrase(by_stars)
    breakdown = f", trong đó {stars}," if stars else ""
    return (
        f"{products(valid)} OCOP còn thời hạn{breakdown} "
        f"của {producers} chủ thể tại {communes} xã, phường"
    )


def expired_phrase(expired: int) -> str:
    return (
        f"{products(expired)} OCOP đã hết thời hạn công nhận và chưa thực hiện đánh giá, "
        "phân hạng lại"
    )


def revoked_phrase(revoked: int) -> str:
    return f"{products(revoked)} OCOP bị thu hồi"


def revoked_clause(revoked: int) -> str:
    """The revoked products as every sentence of figures names them; nothing when none."""
    return f"; {revoked_phrase(revoked)}" if revoked else ""


def figures_sentence(
    as_of: date,
    valid: int,
    by_stars: Mapping[int | str, int],
    producers: int,
    communes: int,
    expired: int,
    revoked: int,
) -> str:
    """The figures in one sentence, worded as the letter's items."""
    return (
        f"Tính đến ngày {format_date(as_of)}, có "
        f"{valid_phrase(valid, by_stars, producers, communes)}; {expired_phrase(expired)}"
        f"{revoked_clause(revoked)}."
    )
