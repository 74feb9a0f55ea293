"""Who signed a recognition decision (OCOP.md §5): each issuing body written in one form, and
the body presumed from the decision's date, stars and old district when a list does not say."""

import re
from datetime import date
from functools import lru_cache

from ocop.domain.addresses import parse_address
from ocop.domain.names import fold, normalize_text
from ocop.domain.stars import VALID_STARS

# District People's Committees ceased on 01/07/2025 (two-level local government, OCOP.md §5):
# a decision dated that day or later is never a district's; the province recognises 3 stars
# (the procedure was written down later, by Decision 1489 of 06/07/2025).
TWO_LEVEL_GOVERNMENT = date(2025, 7, 1)
_MINISTRY_MERGER = date(2025, 3, 1)
OLD_MINISTRY = "Bộ Nông nghiệp và Phát triển nông thôn"
NEW_MINISTRY = "Bộ Nông nghiệp và Môi trường"
# Names that already say their level, e.g. "thành phố Lai Châu", must not become
# "huyện thành phố Lai Châu".
_UNIT_WORDS = ("huyện", "quận", "thị xã", "thành phố", "tỉnh")

_COMMITTEE = re.compile(r"^(?:[uủ][yỷ]\s*ban\s+nhân\s+dân|ubnd|ub)(?:\b|(?=\W))\.?\s*", re.I)
# The ministry's abbreviations as lists write them: "Bộ NN&PTNT", "Bộ NN và MT", "Bộ NNMT".
_MINISTRY_WORDS = {
    "nn": "nong nghiep",
    "ptnt": "phat trien nong thon",
    "mt": "moi truong",
    "nnptnt": "nong nghiep phat trien nong thon",
    "nnmt": "nong nghiep moi truong",
    "va": "",
}
_MINISTRIES = {
    "bo nong nghiep phat trien nong thon": OLD_MINISTRY,
    "bo nong nghiep moi truong": NEW_MINISTRY,
}


@lru_cache(maxsize=8192)  # an import asks again for each row: a few thousand distinct days
def presumed_issuer(stars: int, decided_on: date, district: str | None, province: str):
    """The body that recognised `stars` on `decided_on`; None when only a district committee can
    have (3 stars before 01/07/2025) and the district is not known."""
    if stars not in VALID_STARS:
        raise ValueError(f"Số sao không hợp lệ: {stars} (chỉ 3, 4 hoặc 5 sao)")
    if stars == 5:
        return OLD_MINISTRY if decided_on < _MINISTRY_MERGER else NEW_MINISTRY
    if stars == 4 or decided_on >= TWO_LEVEL_GOVERNMENT:
        return _committee("tỉnh", province)
    district = normalize_text(district or "")
    return _committee("huyện", district) if district else None


def is_district_committee(issuer: str, province: str) -> bool:
    """ "UBND huyện Tam Đường", "UBND thành phố Lai Châu" (a city of the province); not the
    province's own committee, even when the province is a city ("UBND thành phố Hà Nội")."""
    if not issuer.startswith("UBND "):
        return False
    if issuer == _committee("tỉnh", normalize_text(province)):
        return False
    return any(issuer.startswith(f"UBND {word} ") for word in _UNIT_WORDS if word != "tỉnh")


def issuer_on_record(
    issuer: str, presumed: bool, stars: int, decided_on: date, province: str
) -> tuple[str, bool]:
    """The issuer a list prints and whether it is presumed: as stored, except a district
    committee on a decision of 01/07/2025 or later, which cannot be (OCOP.md §5): the body the
    rule presumes instead, marked as presumed for an officer to confirm."""
    if decided_on < TWO_LEVEL_GOVERNMENT or not is_district_committee(issuer, province):
        return issuer, presumed
    return presumed_issuer(stars, decided_on, None, province) or "", True


@lru_cache(maxsize=4096)  # a list writes its few issuers over and over
def issuer_name(written: str, province: str) -> str:
    """The one form of an issuing body as written in a list: "UBND tỉnh" -> "UBND tỉnh Lai
    Châu", "Ủy ban nhân dân huyện than uyên" -> "UBND huyện Than Uyên", "Bộ NN&PTNT" -> "Bộ
    Nông nghiệp và Phát triển nông thôn". "" when it names a level but no body ("UBND cấp
    huyện", "UBND huyện"): the body must then be presumed. Other text is kept as written."""
    text = normalize_text(written).strip(" .,;:-–")
    ministry = _MINISTRIES.get(_ministry_key(text))
    if ministry:
        return ministry
    committee = _COMMITTEE.match(text)
    if committee is None:
        return text
    return _named_committee(text[committee.end() :], province)


def _ministry_key(text: str) -> str:
    words = re.sub(r"[&.,/()-]", " ", fold(text)).split()
    return " ".join(" ".join(_MINISTRY_WORDS.get(w, w) for w in words).split())


def _named_committee(body: str, province: str) -> str:
    if fold(body).startswith("cap "):  # "UBND cấp tỉnh", "UBND cấp huyện"
        body = body[4:]
    parts = parse_address(body)
    if not parts:
        # A level without a name ("tỉnh", "huyện"): only the province's is known. A name
        # without a level is left as it is.
        level = parse_address(f"{body} X")
        if level and level[0].level == "province":
            return _committee("tỉnh", province)
        return "" if level or not body else f"UBND {body}"
    return _committee(parts[0].kind, _proper(parts[0].name))


def _proper(name: str) -> str:
    """A place name with each word capitalised: "than uyên", "THAN UYÊN" -> "Than Uyên"."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in name.split())


@lru_cache(maxsize=1024)  # a province, and its few districts
def _committee(unit: str, name: str) -> str:
    name = normalize_text(name)
    for word in _UNIT_WORDS:
        if name.casefold().startswith(word + " "):
            return f"UBND {word} {name[len(word) + 1 :]}"
    return f"UBND {unit} {name}"
