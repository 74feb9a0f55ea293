"""Addresses and the 2025 reorganisation (OCOP.md §4): which current commune/ward an address as
written belongs to.

An address that names a district is in the old scheme (before 01/07/2025): its commune is looked
up in the merger table under that district. An address without a district is in the new scheme.
Names repeat across schemes ("xã Mường Than" is two different places), so the scheme decides.
The tables come in as plain data, so this module knows nothing of the database."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ocop.domain.names import fold, normalize_text, text_key

OLD, NEW = "old", "new"

# Level words, longest first so that "thị trấn" wins over a bare "thị". Abbreviations are the
# ones seen in lists: "X. Nậm Sỏ", "TT Tân Uyên", "H. Than Uyên", "TP. Lai Châu".
_COMMUNE_WORDS = (
    ("thị trấn", "thị trấn"),
    ("phường", "phường"),
    ("đặc khu", "đặc khu"),
    ("xã", "xã"),
    ("tt.", "thị trấn"),
    ("tt", "thị trấn"),
    ("x.", "xã"),
    ("p.", "phường"),
)
_DISTRICT_WORDS = (
    ("thành phố", "thành phố"),
    ("thị xã", "thị xã"),
    ("huyện", "huyện"),
    ("quận", "quận"),
    ("tp.", "thành phố"),
    ("tp", "thành phố"),
    ("tx.", "thị xã"),
    ("h.", "huyện"),
    ("q.", "quận"),
)
_PROVINCE_WORDS = (("tỉnh", "tỉnh"), ("t.", "tỉnh"))
# Written without a comma ("xã Nậm Sỏ huyện Tân Uyên"): split before each full level word, but
# not inside "thị xã".
_SPLIT = re.compile(
    r"[,;]|\s[-–]\s|(?<!thị)\s+(?=(?:thị trấn|phường|xã|huyện|thành phố|thị xã|quận|tỉnh)\s)",
    re.IGNORECASE,
)
_AFTER_CONSONANT_Y = re.compile(r"(?<=[bcdghklmnpqrstvx])y\b")
# Spellings seen for the same unit, on folded names (OCOP.md §4).
KNOWN_VARIANTS = {"ma ly pho": "ma li pho", "hua bun": "hua bum"}


@dataclass(frozen=True)
class CurrentUnit:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class MergedUnit:
    """An old commune (with its district) and the code of the current unit it became."""

    kind: str
    name: str
    district: str
    successor_code: str
    low_confidence: bool = False
    district_kind: str = "huyện"

    @property
    def district_label(self) -> str:
        """As the issuer rule wants it: "Tân Uyên", but "thành phố Lai Châu"."""
        if self.district_kind == "huyện":
            return self.district
        return f"{self.district_kind} {self.district}"


@dataclass(frozen=True)
class Place:
    unit_code: str
    scheme: str
    old_district: str | None = None
    warnings: tuple[str, ...] = ()


class UnresolvedAddress(ValueError):
    pass


@dataclass(frozen=True)
class _Part:
    level: str  # "commune", "district" or "province"
    kind: str
    name: str


def loose_key(name: str) -> str:
    """Folded name with known spelling variants merged: for matching unit names only."""
    folded = _AFTER_CONSONANT_Y.sub("i", fold(name))
    return KNOWN_VARIANTS.get(folded, folded)


def parse_address(address: str) -> list[_Part]:
    return [part for part in map(level_of, address_pieces(address)) if part]


@lru_cache(maxsize=65536)  # a province's lists write the same few hundred addresses again
def address_pieces(address: str) -> tuple[str, ...]:
    """The pieces of an address between its commas, and before each level word written without
    one ("xã Nậm Sỏ huyện Tân Uyên"), in their order."""
    pieces = (piece.strip(" .-–") for piece in _SPLIT.split(normalize_text(address)))
    return tuple(piece for piece in pieces if piece)


@lru_cache(maxsize=65536)
def level_of(piece: str) -> _Part | None:
    """The level (commune, district, province), kind and name of one piece, None when it names
    no unit ("Bản Hon")."""
    lowered = piece.casefold()
    for level, words in (
        ("commune", _COMMUNE_WORDS),
        ("district", _DISTRICT_WORDS),
        ("province", _PROVINCE_WORDS),
    ):
        for word, kind in words:
            if lowered.startswith(word) and (
                word.endswith(".") or len(lowered) == len(word) or not lowered[len(word)].isalnum()
            ):
                name = piece[len(word) :].strip(" .")
                if name:
                    return _Part(level, kind, name)
    return None


class AddressResolver:
    def __init__(self, units: list[CurrentUnit], merged: list[MergedUnit]):
        self.units = {unit.code: unit for unit in units}
        self._new = _index((u.name, u) for u in units)
        self._old = _index(((m.name, m.district), m) for m in merged)
        self._old_by_name = _index((m.name, m) for m in merged)
        self._merged_into: dict[str, list[MergedUnit]] = defaultdict(list)
        for m in merged:
            self._merged_into[m.successor_code].append(m)
        self._memo: dict[tuple, Place] = {}

    def resolve(self, address: str, context: tuple[str, ...] = ()) -> Place:
        """`context`: section rows above the row ("Huyện Tam Đường", "Xã Bình Lư"), used only
        when the address names no commune at all."""
        memo_key = (address, context)
        if memo_key not in self._memo:
            try:
                self._memo[memo_key] = self._resolve(address, context)
            except UnresolvedAddress as exc:
                self._memo[memo_key] = exc
        result = self._memo[memo_key]
        if isinstance(result, UnresolvedAddress):
            raise result
        return result

    def _resolve(self, address: str, context: tuple[str, ...]) -> Place:
        parts = parse_address(address)
        commune = _first(parts, "commune")
        district = _first(parts, "district")
        notes = []
        if commune is None:
            from_context = [p for text in context for p in parse_address(text)]
            commune = _first(from_context, "commune")
            if commune is None:
                raise UnresolvedAddress("địa chỉ không ghi xã/phường")
            district = district or _first(from_context, "district")
            notes.append(f"địa chỉ không ghi xã/phường; lấy theo dòng mục: {commune.name}")
        if district is not None:
            return self._old_place(commune, district, notes)
        return self._new_place(commune, notes)

    def _old_place(self, commune: _Part, district: _Part, notes: list[str]) -> Place:
        found, spelled = self._old.find((commune.name, district.name), commune.kind)
        if found is None:
            raise UnresolvedAddress(self._old_miss(commune, district))
        if spelled:
            notes.append(
                f"tên viết khác: '{commune.name}, {district.name}' hiểu là "
                f"{found.kind} {found.name}, {found.district_kind} {found.district}"
            )
        if found.low_confidence:
            notes.append(
                f"{found.kind} {found.name} ({found.district}) sáp nhập vào "
                f"{self._unit_label(found.successor_code)} với độ tin cậy thấp: cần kiểm tra"
            )
        return Place(found.successor_code, OLD, found.district_label, tuple(notes))

    def _old_miss(self, commune: _Part, district: _Part) -> str:
        elsewhere, _ = self._old_by_name.find(commune.name, commune.kind)
        if elsewhere is not None:
            return (
                f"{commune.kind} {commune.name} không thuộc {district.kind} {district.name} "
                f"trong bảng sáp nhập (thuộc huyện {elsewhere.district})"
            )
        return f"không tìm thấy {commune.kind} {commune.name}, {district.kind} {district.name}"

    def _new_place(self, commune: _Part, notes: list[str]) -> Place:
        found, spelled = (None, False)
        if commune.kind != "thị trấn":  # towns are gone since 01/07/2025
            found, spelled = self._new.find(commune.name, commune.kind)
        if found is not None:
            if spelled:
                notes.append(f"tên viết khác: '{commune.name}' hiểu là {found.kind} {found.name}")
            return Place(found.code, NEW, None, tuple(notes))
        old, _ = self._old_by_name.find(commune.name, commune.kind)
        if old is None:
            raise UnresolvedAddress(
                f"không tìm thấy {commune.kind} {commune.name} trong danh sách xã/phường"
            )
        notes.append(
            f"{commune.kind} {commune.name} không còn từ 01/07/2025 và địa chỉ không ghi huyện: "
            f"hiểu là {old.kind} {old.name} cũ ({old.district}), nay thuộc "
            f"{self._unit_label(old.successor_code)}"
        )
        return Place(old.successor_code, OLD, old.district_label, tuple(notes))

    def old_district_of(self, code: str) -> str | None:
        """The old district of a current unit, for an address that does not name one."""
        unit = self.units.get(code)
        return old_district(unit.name, self._merged_into[code]) if unit else None

    def _unit_label(self, code: str) -> str:
        unit = self.units.get(code)
        return f"{unit.kind} {unit.name}" if unit else code


class _NameIndex:
    """Looks names up by exact key first, then by loose key when that is unambiguous."""

    def __init__(self):
        self.exact = defaultdict(list)
        self.loose = defaultdict(list)

    def find(self, name, kind: str | None):
        for table, key_of, spelled in (
            (self.exact, text_key, False),
            (self.loose, loose_key, True),
        ):
            key = tuple(map(key_of, name)) if isinstance(name, tuple) else key_of(name)
            found = _pick(table.get(key, []), kind)
            if found is not None:
                return found, spelled
        return None, False


def _index(items) -> _NameIndex:
    index = _NameIndex()
    for name, value in items:
        exact = tuple(map(text_key, name)) if isinstance(name, tuple) else text_key(name)
        loose = tuple(map(loose_key, name)) if isinstance(name, tuple) else loose_key(name)
        index.exact[exact].append(value)
        index.loose[loose].append(value)
    return index


def _pick(candidates: list, kind: str | None):
    if len(candidates) > 1 and kind:
        candidates = [c for c in candidates if c.kind == kind]
    return candidates[0] if len(candidates) == 1 else None


def old_district(unit_name: str, merged: list[MergedUnit]) -> str | None:
    """The district a current unit lay in before 01/07/2025, as the issuer rule wants it
    (MergedUnit.district_label). `merged`: the old units merged into it, in the merger table's
    order. When they came from several districts, the one whose old commune gave the unit its
    name ("xã Pa Tần" from old Pa Tần, Sìn Hồ, though two of its three old communes were in Nậm
    Nhùn); else the district with most of them; else the first in the table."""
    districts = list(dict.fromkeys(m.district_label for m in merged))
    if len(districts) <= 1:
        return districts[0] if districts else None
    named = [m for m in merged if loose_key(m.name) == loose_key(unit_name)]
    if named:
        return named[0].district_label
    counts = Counter(m.district_label for m in merged)
    return max(districts, key=lambda district: counts[district])


def _first(parts: list[_Part], level: str) -> _Part | None:
    return next((part for part in parts if part.level == level), None)
