"""Names as the registry prints them (issue 8): one display form per producer and product, and
which of two spellings of the same name is the better written.

Lists are typed by hand: "Hkd lê mý thanh", "HTX Chè Nậm Sỏ", "Cá hồi lê lợi". The display
form writes the producer type out as OCOP.md §3 names it ("TNHH" stays), capitalises a name
that was typed all lower or all upper case, and always capitalises the place names it is given
(the unit tables' communes and districts), so that "Ớt khô bản bo" prints "Ớt khô Bản Bo".
Only case, spacing and the type prefix change, so a display form has the same identity key
(names.producer_key / product_key) as what was typed."""

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

from ocop.domain.names import expand_producer_type, normalize_text

# What expand_producer_type leaves, and the written-out forms typed in another case.
_HOUSEHOLD = "Hộ kinh doanh"
_TYPES = ("Công ty Cổ phần", "Công ty TNHH", "Công ty", "Hợp tác xã", _HOUSEHOLD, "Tổ hợp tác",
          "Doanh nghiệp tư nhân")  # fmt: skip


def _spaced(text: str) -> str:
    """A regular expression for `text` matching any run of spaces between its words."""
    return r"\s+".join(map(re.escape, text.split()))


_TYPE_PREFIX = re.compile(
    "|".join(f"(?P<t{i}>{_spaced(t)})" for i, t in enumerate(_TYPES)) + r"(?![^\W_])",
    re.IGNORECASE,
)
# Written upper case whatever the case of the rest: legal forms and common trade abbreviations.
_ACRONYMS = frozenset({"TNHH", "MTV", "2TV", "TM", "DV", "SX", "XNK", "XD", "OCOP", "VN"})
_WORD = re.compile(r"\S+")


def producer_display_name(written: str, place_names: Collection[str] = frozenset()) -> str:
    """ "Hkd lê mý thanh" -> "Hộ kinh doanh Lê Mý Thanh", "Cty tnhh chè pu sam cáp" ->
    "Công ty TNHH Chè Pu Sam Cáp"; a well-written name comes back unchanged."""
    return _producer_display(written, _places(place_names))


def product_display_name(written: str, place_names: Collection[str] = frozenset()) -> str:
    """ "Ớt khô bản bo" -> "Ớt khô Bản Bo": the first letter upper, the product's own words as
    written (lower when the name was typed all upper), known place names capitalised."""
    return _product_display(written, _places(place_names))


def name_quality(s: str, place_names: Collection[str] = frozenset(), *, producer: bool) -> tuple:
    """How well a name is written, to compare two spellings of one name (higher is better):
    diacritics present, type written out, case cared for (not all lower or all upper), place
    names capitalised, no oddly cased word, then, for a cooperative or company, a case chosen
    by a person rather than the mechanical capitalisation of every word; clean spacing last."""
    return _quality(s, _places(place_names), producer)


def better_name(
    stored: str, candidate: str, place_names: Collection[str] = frozenset(), *, producer: bool
) -> str:
    """The display form of `candidate` when it is better written than `stored`; `stored`
    otherwise, so that a later list that spells a name worse never replaces a better one."""
    places = _places(place_names)
    shown = (_producer_display if producer else _product_display)(candidate, places)
    if _quality(shown, places, producer) > _quality(stored, places, producer):
        return shown
    return stored


# Display forms.


@lru_cache(maxsize=65536)
def _producer_display(written: str, places: "_Places") -> str:
    text = expand_producer_type(normalize_text(written))
    kind, rest = _split_type(text)
    if kind == _HOUSEHOLD:
        rest = " ".join(_capitalise(word) for word in rest.split())  # a person's name
    elif kind:
        rest = _organisation_rest(rest)
    elif _one_case(rest):
        rest = " ".join(_capitalise(word) for word in rest.split())
    return " ".join(filter(None, [kind, places.capitalise(rest)]))


# Organisation names: Decree 30/2020/NĐ-CP, Appendix II, II.3.a ("Tên cơ quan, tổ chức của Việt
# Nam: viết hoa chữ cái đầu của các từ, cụm từ chỉ loại hình cơ quan, tổ chức; chức năng, lĩnh
# vực hoạt động của cơ quan, tổ chức", as in "Bộ Tài nguyên và Môi trường", "Sở Tài chính"):
# the type ("Hợp tác xã", "Tổ hợp tác", "Công ty Cổ phần") as OCOP.md §3 writes it; then each
# phrase naming a field of activity with its first letter capitalised and the rest lower case,
# a new field after "và"; then the proper name, every syllable capitalised as a place's or a
# person's. So "Hợp tác xã Dịch Vụ Nông Nghiệp Nậm Chà" -> "Hợp tác xã Dịch vụ nông nghiệp Nậm
# Chà", "Tổ hợp tác dệt thổ cẩm Sin Suối Hồ" -> "Tổ hợp tác Dệt thổ cẩm Sin Suối Hồ". Where the
# fields end is known from the words producers use for their trade (below); the first word
# outside them begins the proper name. Trade abbreviations (TM, DV, SX) stay in capitals.
_FIELD_TEXT = """nông nghiệp|dịch vụ|thương mại|sản xuất|chế biến|kinh doanh|xuất nhập khẩu|
    đầu tư|phát triển|xây dựng|tổng hợp|du lịch|cộng đồng|chè|trà|thảo dược|dược liệu|mật ong|
    thổ cẩm|dệt|may|dệt may|thêu|chăn nuôi|trồng trọt|lâm nghiệp|lâm sản|nông sản|nông lâm|thủy sản|
    nuôi trồng|thực phẩm|đồ uống|rượu|gạo|lúa|rau|quả|rau quả|cây ăn quả|cá|cá nước lạnh|nấm|
    miến|miến dong|dong riềng|thảo quả|mắc ca|sâm|quế|hồi|gừng|măng|tre|mây|đan|mây tre đan|
    thủ công|mỹ nghệ|thủ công mỹ nghệ|công nghệ|công nghệ cao|hữu cơ|sạch|an toàn|xanh|vận tải|
    môi trường|vật tư|giống|cây giống|gia súc|gia cầm|tiểu thủ công nghiệp|công nghiệp|
    nông lâm nghiệp|phát triển nông thôn|nông thôn|chuyên ngành|đa ngành|tiêu dùng|
    năng lượng|điện|nước sạch|bảo quản|trang trại|lâm nông|ong|dược phẩm|mỹ phẩm"""
FIELD_WORDS = frozenset(" ".join(phrase.split()) for phrase in _FIELD_TEXT.split("|"))
_FIELDS = frozenset(tuple(phrase.split()) for phrase in FIELD_WORDS)
_LONGEST_FIELD = max(map(len, _FIELDS))


def _organisation_rest(rest: str) -> str:
    """What follows the type: fields of activity, then the proper name (see FIELD_WORDS)."""
    words, shown, i = rest.split(), [], 0
    new_field = True
    while i < len(words):
        if words[i].upper() in _ACRONYMS:
            shown.append(words[i].upper())
            i += 1
            continue
        if words[i].casefold() == "và" and _field_at(words, i + 1) and shown:
            shown.append("và")
            new_field, i = True, i + 1
            continue
        length = _field_at(words, i)
        if not length:
            break
        for word in words[i : i + length]:
            shown.append(_capitalise(word) if new_field else word.lower())
            new_field = False
        i += length
    shown.extend(w if _oddly_cased(w) else _capitalise(w) for w in words[i:])
    return " ".join(shown)


def _field_at(words: list[str], i: int) -> int:
    """How many words from `i` make the longest phrase of FIELD_WORDS; 0 for none."""
    for length in range(min(_LONGEST_FIELD, len(words) - i), 0, -1):
        if tuple(w.casefold() for w in words[i : i + length]) in _FIELDS:
            return length
    return 0


@lru_cache(maxsize=65536)
def _product_display(written: str, places: "_Places") -> str:
    text = normalize_text(written)
    if _all_capitals(text):
        text = " ".join(w if w in _ACRONYMS else w.lower() for w in text.split())
    text = places.capitalise(text)
    first = _first_letter(text)
    return text if first is None else text[:first] + text[first].upper() + text[first + 1 :]


def _split_type(text: str) -> tuple[str, str]:
    match = _TYPE_PREFIX.match(text)
    if match is None:
        return "", text
    return _TYPES[int(match.lastgroup[1:])], text[match.end() :].strip()


def title_words(text: str) -> str:
    """Every word capitalised, the rest of it lower case: a place's or a person's name ("lao
    chải" -> "Lao Chải"); known acronyms upper case."""
    return " ".join(map(_capitalise, normalize_text(text).split()))


def _capitalise(word: str) -> str:
    if word[:1].isalpha():  # nearly every word: no scan for the first letter
        upper = word.upper()
        return upper if upper in _ACRONYMS else upper[0] + word[1:].lower()
    if word.upper() in _ACRONYMS:
        return word.upper()
    first = _first_letter(word)
    if first is None:
        return word
    return word[:first] + word[first].upper() + word[first + 1 :].lower()


def _first_letter(text: str) -> int | None:
    return next((i for i, char in enumerate(text) if char.isalpha()), None)


def _one_case(text: str) -> bool:
    """Typed all lower or all upper case (acronyms aside): the case says nothing."""
    letters = "".join(w for w in text.split() if w.upper() not in _ACRONYMS)
    return letters.lower() == letters or letters.upper() == letters


# Place names: one compiled pattern per set of names.


class _Places:
    def __init__(self, names: frozenset[str]):
        self.names = names
        variants = sorted({normalize_text(n).casefold() for n in names if n.strip()}, key=len)
        alternatives = [_spaced(v) for v in reversed(variants)]
        self.capitalised = {v: " ".join(map(_capitalise, v.split())) for v in variants}
        self.pattern = (
            re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])", re.IGNORECASE)
            if alternatives
            else None
        )

    def __hash__(self):
        return hash(self.names)

    def __eq__(self, other):
        return isinstance(other, _Places) and self.names == other.names

    def capitalise(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(self._capitalised, text)

    def _capitalised(self, match: re.Match) -> str:
        found = match.group()
        shown = self.capitalised.get(found.casefold())
        return shown if shown is not None else " ".join(map(_capitalise, found.split()))

    def lowercase_count(self, text: str) -> int:
        if self.pattern is None:
            return 0
        return sum(
            m.group() != " ".join(map(_capitalise, m.group().split()))
            for m in self.pattern.finditer(text)
        )


@lru_cache(maxsize=64)
def _places_of(names: frozenset[str]) -> _Places:
    return _Places(names)


def _places(names: Collection[str]) -> _Places:
    return _places_of(names if isinstance(names, frozenset) else frozenset(names))


# Quality.


@lru_cache(maxsize=65536)
def _quality(s: str, places: _Places, producer: bool) -> tuple:
    text = normalize_text(s)
    kind, rest = _split_type(expand_producer_type(text)) if producer else ("", text)
    words = rest.split()
    return (
        _has_marks(text),
        not producer or len(expand_producer_type(text)) <= len(text),
        _case_cared(rest) if producer else _product_case_cared(text),
        -places.lowercase_count(rest) - (kind == _HOUSEHOLD) * sum(w.islower() for w in words),
        -sum(map(_oddly_cased, words)),
        producer and kind != _HOUSEHOLD and rest != _producer_display(rest.lower(), places),
        s == text,
    )


def _has_marks(text: str) -> bool:
    decomposed = unicodedata.normalize("NFD", text)
    return "đ" in text.casefold() or any(unicodedata.combining(c) for c in decomposed)


def _case_cared(text: str) -> bool:
    letters = "".join(char for char in text if char.isalpha())
    return not letters or not _one_case(text)


def _product_case_cared(text: str) -> bool:
    first = _first_letter(text)
    return first is None or (text[first].isupper() and not _all_capitals(text))


def _all_capitals(text: str) -> bool:
    letters = "".join(w for w in text.split() if w.upper() not in _ACRONYMS)
    return letters.upper() == letters and sum(map(str.isalpha, letters)) > 1


def _oddly_cased(word: str) -> bool:
    """ "THổ", "tHanh": an upper-case letter after a lower-case one, or a word in capitals
    that is no known acronym."""
    letters = [char for char in word if char.isalpha()]
    if len(letters) < 2 or word.upper() in _ACRONYMS:
        return False
    return any(char.isupper() for char in letters[1:])
