"""Text handling and identity keys for product and producer names (OCOP.md §3)."""

import re
import unicodedata
from functools import lru_cache

# Pasted from Word and web pages; invisible, yet they make two equal names differ.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_COMBINING_RUN = re.compile("[\u0300-\u036f]+")
# The same block without U+034F, the one character in it that is no combining mark.
_VIETNAMESE_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")
# Text that holds a combining mark or an invisible character needs the full treatment;
# anything else (nearly every cell of a modern list) only needs its spaces collapsed.
_NEEDS_WORK = re.compile("[\u0300-\u036f\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_VOWEL_SHAPE_MARKS = "\u0302\u0306\u031b"  # circumflex (â ê ô), breve (ă), horn (ơ ư)
_STRAY_PUNCTUATION = " .,;:-–—\"'()*“”‘’"

_DOT = r"(?:\.\s*)?"
_COMPANY = rf"(?:c{_DOT}ty|công\s+ty)"
_PRODUCER_ABBREVIATIONS = (
    (rf"{_COMPANY}[.\s]+(?:c{_DOT}p|cổ\s+phần)", "Công ty Cổ phần"),
    (rf"{_COMPANY}[.\s]+(?:t{_DOT}n{_DOT}h{_DOT}h|trách\s+nhiệm\s+hữu\s+hạn)", "Công ty TNHH"),
    (_COMPANY, "Công ty"),
    (rf"h{_DOT}t{_DOT}x", "Hợp tác xã"),
    (rf"h{_DOT}k{_DOT}d", "Hộ kinh doanh"),
    (rf"t{_DOT}h{_DOT}t", "Tổ hợp tác"),
    (rf"d{_DOT}n{_DOT}t{_DOT}n", "Doanh nghiệp tư nhân"),
)
# Whole word only: "HTXanh" is a name, not a cooperative.
_PRODUCER_PREFIXES = tuple(
    (re.compile(rf"(?:{pattern})(?![^\W_])[.\s]*", re.IGNORECASE), expansion)
    for pattern, expansion in _PRODUCER_ABBREVIATIONS
)

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Dictionary order of the tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def normalize_text(s: str) -> str:
    if s.isascii() or (unicodedata.is_normalized("NFC", s) and not _NEEDS_WORK.search(s)):
        return " ".join(s.split())
    return compose(s)


def compose(s: str) -> str:
    """normalize_text's full treatment, which the fast path must always agree with."""
    text = unicodedata.normalize("NFD", s.translate(_INVISIBLE))
    text = unicodedata.normalize("NFC", _COMBINING_RUN.sub(_vowel_shape_first, text))
    return " ".join(text.split())


def text_key(s: str) -> str:
    # casefold() can leave decomposed sequences behind, hence the second NFC.
    folded = unicodedata.normalize("NFC", normalize_text(s).casefold())
    return folded.strip(_STRAY_PUNCTUATION)


def expand_producer_type(name: str) -> str:
    text = normalize_text(name)
    for prefix, expansion in _PRODUCER_PREFIXES:
        match = prefix.match(text)
        if match:
            return f"{expansion} {text[match.end() :]}".rstrip()
    return text


@lru_cache(maxsize=65536)
def producer_key(name: str) -> str:
    return text_key(expand_producer_type(name))


@lru_cache(maxsize=65536)
def product_key(name: str) -> str:
    return text_key(name)


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    decomposed = unicodedata.normalize("NFD", normalize_text(s).casefold())
    # Vietnamese marks all lie in one block, taken off at once; another script's marks, rare,
    # are looked for character by character.
    bare = _VIETNAMESE_MARKS.sub("", decomposed)
    if not bare.isascii() and any(map(unicodedata.combining, bare)):
        bare = "".join(char for char in bare if not unicodedata.combining(char))
    # "đ" is a letter of its own, not d plus a mark, so stripping marks leaves it alone.
    return bare.replace("đ", "d")


def producer_search_key(name: str) -> str:
    """What a search for a producer is compared with: the folded name as written and, when it
    begins with an abbreviation (HTX, Cty TNHH...), spelled out too, so that officers find
    "HTX Đồng Tâm" whether they type "htx dong tam" or "hợp tác xã Đồng Tâm"."""
    as_written, spelled_out = fold(name), fold(expand_producer_type(name))
    return as_written if as_written == spelled_out else f"{as_written} {spelled_out}"


def vn_sort_key(s: str) -> tuple:
    """Vietnamese dictionary order, syllable by syllable: each syllable by its letters
    (a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư), then by its tone (ngang < huyền < hỏi < ngã
    < sắc < nặng), then the next syllable; "Sin Suối Hồ" before "Sìn Hồ". Case is ignored;
    the text itself breaks the remaining ties so that the order is total."""
    text = normalize_text(s)
    return (_syllable_keys(text), text)


def sort_text(s: str) -> str:
    """vn_sort_key as plain text of [0-9a-z] only, for the databases' ORDER BY: any two names
    compare as their vn_sort_key does (bar the last tie-break) under every collation (C,
    en_US, SQLite's BINARY) because the characters used sort alike in all of them. Cut at
    SORT_TEXT_LENGTH, which may tie two very long names but never inverts them."""
    folded = unicodedata.normalize("NFC", normalize_text(s).casefold())  # as _syllable_keys
    return "".join(map(_encoded_text, _SYLLABLE.findall(folded)))[:SORT_TEXT_LENGTH]


@lru_cache(maxsize=65536)  # names repeat their syllables: "chè", "hợp", "tác"
def _encoded_text(syllable: str) -> str:
    return _encoded_syllable(_syllable_key(syllable))


@lru_cache(maxsize=65536)
def _encoded_syllable(key: tuple[tuple, tuple]) -> str:
    letters, tones = key
    # "0" ends the letters (a shorter syllable first: "an" < "anh"), then the tones, then "0"
    # again (none, ngang, before any tone).
    return "".join(map(_encode_unit, letters)) + "0" + "".join(map(str, tones)) + "0"


SORT_TEXT_LENGTH = 255
_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"
# Syllables: runs of letters, runs of digits (compared as numbers: "Lô 2" < "Lô 10"), and any
# other character on its own; spaces only separate them.
_SYLLABLE = re.compile(r"[^\W\d_]+|\d+|[^\w\s]|_")
_PUNCTUATION, _NUMBER, _LETTER, _OTHER_LETTER = 1, 2, 3, 4


def _syllable_keys(text: str) -> tuple:
    folded = unicodedata.normalize("NFC", text.casefold())
    return tuple(_syllable_key(match.group()) for match in _SYLLABLE.finditer(folded))


@lru_cache(maxsize=65536)
def _syllable_key(syllable: str) -> tuple[tuple, tuple]:
    if syllable.isdecimal():
        digits = str(int(syllable))  # leading zeros dropped, any script's digits made ASCII
        return ((_NUMBER, min(len(digits), 35)), *((_NUMBER, int(d)) for d in digits)), ()
    pairs = [_letter_and_tone(char) for char in syllable]
    # A tone written on another vowel of the syllable (hoà, hòa) is the same tone.
    return tuple(letter for letter, _ in pairs), tuple(tone for _, tone in pairs if tone)


@lru_cache(maxsize=4096)
def _encode_unit(unit: tuple[int, int]) -> str:
    kind, rank = unit
    width = 1 if kind in (_NUMBER, _LETTER) else 4
    return str(kind) + _base36(min(rank, 36**width - 1), width)


def _base36(n: int, width: int) -> str:
    digits = []
    for _ in range(width):
        n, digit = divmod(n, 36)
        digits.append(_DIGITS36[digit])
    return "".join(reversed(digits))


def _vowel_shape_first(marks: re.Match) -> str:
    # NFC keeps the typed order of marks of the same combining class: "e" + acute + circumflex
    # would stay "é" with a stray circumflex instead of composing to "ế".
    return "".join(sorted(marks.group(), key=lambda mark: mark not in _VOWEL_SHAPE_MARKS))


@lru_cache(maxsize=4096)
def _letter_and_tone(char: str) -> tuple[tuple[int, int], int]:
    decomposed = unicodedata.normalize("NFD", char)
    tone = next((_TONE_RANK[mark] for mark in decomposed if mark in _TONE_RANK), 0)
    base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONE_RANK))
    return _letter_rank(base), tone


def _letter_rank(base: str) -> tuple[int, int]:
    # Punctuation first, then numbers, then Vietnamese letters, then any other letter.
    if base in _LETTER_RANK:
        return (_LETTER, _LETTER_RANK[base])
    return (_OTHER_LETTER, ord(base[0])) if base.isalpha() else (_PUNCTUATION, ord(base[0]))
