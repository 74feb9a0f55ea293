"""Addresses as places are written (issue 19): the one display form of an address as typed, used
by every output (lists, pages, exports, e-mails); the address as typed stays in the registry.

The style is the one of Decree 30/2020/NĐ-CP, Appendix II, I.3 (names of places: "capitalise
the first letter of every syllable of a proper place name"; the word for the kind of unit is a
common noun, written lower case before it: "xã Nà Tăm", "huyện Tam Đường", "bản Lao Chải"),
as the department's own letter writes them. A cell begins with a capital like any sentence:
"Bản Lao Chải, xã Nà Tăm, huyện Tam Đường (nay là xã Bản Bo)".

- Communes, districts and the province follow a level word ("xã", "X.", "TT", "Huyện"...) and
  are spelled as the unit tables spell them when the name is known there ("na tam" -> "Nà
  Tăm"), else each syllable capitalised.
- Hamlets and quarters (bản, thôn, tổ...) the tables do not know are capitalised only when the
  piece is unambiguous: the hamlet word followed by a few plain syllables or a number. Any other
  piece ("gần chợ trung tâm", "Km 12 (cũ)") is kept as typed.
- An address that names a former unit (a district, or a town, all gone since 01/07/2025) gets
  today's unit beside it: "(nay là xã Bản Bo)"."""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ocop.domain.addresses import address_pieces, level_of, loose_key
from ocop.domain.display import title_words
from ocop.domain.names import normalize_text

# Longest first: "tổ dân phố" before "tổ".
HAMLET_WORDS = ("tổ dân phố", "khu phố", "bản", "thôn", "xóm", "tổ", "khu", "khối", "làng")
_MOST_SYLLABLES = 5  # "bản Sin Suối Hồ Mông" is a name; a longer piece is likely a description
_GONE_COMMUNE_KINDS = frozenset({"thị trấn"})  # towns ceased on 01/07/2025, like districts


@dataclass
class PlaceBook:
    """The spellings the unit tables give: current communes and wards, the old communes and
    districts merged into them, the province. Build once per document (ocop.registry.places)."""

    spellings: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, names: Iterable[str]) -> "PlaceBook":
        book = cls()
        for name in names:
            name = normalize_text(name)
            if name:
                book.spellings[loose_key(name)].add(name)
        return book

    def spelled(self, name: str) -> str | None:
        """The tables' spelling of a name, when they know exactly one."""
        found = self.spellings.get(loose_key(name), ())
        return next(iter(found)) if len(found) == 1 else None


def display_address(written: str, book: PlaceBook, today: tuple[str, str] | None = None) -> str:
    """`written` as places are written. `today`: (kind, name) of the current unit the importer
    resolved the address to, said beside an address that names a former unit."""
    said = _SAID_TODAY.search(written)
    if said:  # typed so, or printed by this function: written the same way again
        written, today = written[: said.start()], _today_of(said.group(1), book) or today
    pieces = [_piece(piece, book) for piece in address_pieces(written)]
    pieces = [piece for piece in pieces if piece.text]
    if not pieces:
        return ""
    text = ", ".join(piece.text for piece in pieces)
    text = text[:1].upper() + text[1:]
    if today is not None and (said or any(piece.former for piece in pieces)):
        text += f" (nay là {today[0]} {book.spelled(today[1]) or title_words(today[1])})"
    return text


_SAID_TODAY = re.compile(r"\s*\(\s*nay\s+(?:là|thuộc)\s+([^()]*)\)\s*$", re.IGNORECASE)


def _today_of(text: str, book: PlaceBook) -> tuple[str, str] | None:
    part = level_of(normalize_text(text))
    return (part.kind, part.name) if part and part.level == "commune" else None


@dataclass(frozen=True)
class _Shown:
    text: str
    former: bool = False


def _piece(piece: str, book: PlaceBook) -> _Shown:
    part = level_of(piece)
    if part is not None:
        name = book.spelled(part.name) or title_words(part.name)
        former = part.level == "district" or part.kind in _GONE_COMMUNE_KINDS
        return _Shown(f"{part.kind} {name}", former)
    hamlet = _hamlet(piece)
    if hamlet is not None:
        return _Shown(" ".join(hamlet))
    return _Shown(book.spelled(piece) or piece)


def hamlet_names(addresses: Iterable[str]) -> set[str]:
    """The names of two syllables or more of the hamlets these addresses name unambiguously
    ("bản vàng pheo, xã Mù Cả" -> "Vàng Pheo"): known places too, for product names ("Dưa hấu
    vàng pheo" -> "Dưa hấu Vàng Pheo"). One syllable is left out: "Mới", "Hon" are words too."""
    found = set()
    for address in addresses:
        for piece in address_pieces(address):
            hamlet = _hamlet(piece) if level_of(piece) is None else None
            name = hamlet[1] if hamlet else ""
            if len(name.split()) > 1 and name.replace(" ", "").isalpha():
                found.add(name)
    return found


@lru_cache(maxsize=65536)
def _hamlet(piece: str) -> tuple[str, str] | None:
    """("bản", "Lao Chải") of a piece that names a hamlet unambiguously, else None."""
    lowered = piece.casefold()
    for word in HAMLET_WORDS:
        if lowered.startswith(word + " "):
            name = piece[len(word) + 1 :].split()
            return (word, title_words(" ".join(name))) if _unambiguous(name) else None
    return None


def _unambiguous(syllables: list[str]) -> bool:
    """A plain name ("Lao Chải") or a number ("5", "12A"), nothing else."""
    if len(syllables) == 1 and syllables[0][:1].isdigit():
        return syllables[0].isalnum()
    return 0 < len(syllables) <= _MOST_SYLLABLES and all(s.isalpha() for s in syllables)
