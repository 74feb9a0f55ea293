"""Find the header row of a product list and say which column holds what.

The header is found by its Vietnamese labels and their variants, anywhere in the first rows
(title and subtitle rows come first), over one row or two (a merged "Quyết định công nhận"
above "Số QĐ" and "Ngày"). Columns may come in any order. A label known from the lists is
taken silently; one recognised only by a keyword is "guessed" and reported as a warning."""

import enum
import re
from dataclasses import dataclass, field

from ocop.domain.names import fold

HEADER_SEARCH_ROWS = 30


class Field(enum.StrEnum):
    STT = "stt"
    PRODUCT = "product"
    PRODUCER = "producer"
    PRODUCER_KIND = "producer_kind"
    TAX_CODE = "tax_code"
    ADDRESS = "address"
    PRODUCER_ADDRESS = "producer_address"
    UNIT_CODE = "unit_code"
    PRODUCER_UNIT_CODE = "producer_unit_code"
    UNIT_NAME = "unit_name"
    GROUP = "group"
    PRODUCT_SET = "product_set"
    STARS = "stars"
    SCORE = "score"
    DECISION = "decision"
    DECISION_NUMBER = "decision_number"
    DECISION_DATE = "decision_date"
    ISSUER = "issuer"
    ISSUER_PRESUMED = "issuer_presumed"
    CRITERIA = "criteria"
    REVOKED_ON = "revoked_on"
    REVOCATION_NUMBER = "revocation_number"
    REVOCATION_REASON = "revocation_reason"
    REPRESENTATIVE = "representative"
    PHONE = "phone"
    EMAIL = "email"
    DESCRIPTION = "description"
    SOURCE = "source"
    NOTE = "note"
    IGNORED = "ignored"


# Labels seen in the department's lists and in our own export, folded (no diacritics, no
# punctuation). These are taken without a warning.
KNOWN_LABELS = {
    Field.STT: ("stt", "tt", "so tt", "so thu tu"),
    Field.PRODUCT: ("ten san pham", "san pham", "ten san pham ocop", "san pham ocop", "ten sp"),
    Field.PRODUCER: (
        "chu the",
        "ten chu the",
        "don vi",
        "chu the san xuat",
        "ten chu the san xuat",
        "chu the ocop",
        "ten don vi",
        "ten chu the don vi",
    ),
    Field.PRODUCER_KIND: ("loai hinh", "loai hinh chu the"),
    Field.TAX_CODE: ("ma so thue", "mst", "ma so doanh nghiep", "ma so dang ky"),
    Field.ADDRESS: ("dia chi", "dia chi san xuat"),
    Field.PRODUCER_ADDRESS: ("dia chi chu the", "dia chi tru so"),
    Field.UNIT_CODE: ("ma xa phuong", "ma don vi hanh chinh"),
    Field.PRODUCER_UNIT_CODE: ("ma xa phuong chu the",),
    Field.UNIT_NAME: ("xa phuong", "xa phuong hien nay"),
    Field.GROUP: ("nhom san pham", "nhom san pham nhu ghi", "nhom", "nganh hang", "phan nhom"),
    Field.PRODUCT_SET: ("ma bo san pham",),
    Field.STARS: ("so sao", "hang sao", "phan hang", "xep hang", "ket qua xep hang", "sao"),
    Field.SCORE: ("diem", "so diem", "diem danh gia", "tong diem"),
    Field.DECISION: (
        "quyet dinh cong nhan",
        "quyet dinh",
        "so ngay quyet dinh",
        "so ngay qd",
        "qd cong nhan",
        "so ngay quyet dinh cong nhan",
    ),
    Field.DECISION_NUMBER: ("so qd", "so quyet dinh", "so quyet dinh cong nhan", "so hieu"),
    Field.DECISION_DATE: ("ngay qd", "ngay quyet dinh", "ngay", "ngay cong nhan", "ngay ky"),
    Field.ISSUER: ("co quan ban hanh", "cap cong nhan", "co quan cong nhan", "don vi cong nhan"),
    Field.ISSUER_PRESUMED: ("co quan ban hanh duoc suy ra",),
    Field.CRITERIA: ("bo tieu chi",),
    Field.REVOKED_ON: ("ngay thu hoi",),
    Field.REVOCATION_NUMBER: ("so qd thu hoi", "so quyet dinh thu hoi"),
    Field.REVOCATION_REASON: ("ly do thu hoi",),
    Field.REPRESENTATIVE: ("nguoi dai dien",),
    Field.PHONE: ("dien thoai", "so dien thoai"),
    Field.EMAIL: ("email", "thu dien tu"),
    Field.DESCRIPTION: ("mo ta",),
    Field.SOURCE: ("nguon", "nguon tep trang dong"),
    Field.NOTE: ("ghi chu",),
    Field.IGNORED: ("nam", "nam cong nhan"),
}
_KNOWN = {label: f for f, labels in KNOWN_LABELS.items() for label in labels}
# Sub-labels that mean nothing on their own: "Số" and "Tên" under a parent label.
_BARE = {"so", "ten", "ma"}


def label_key(label) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(str(label))).split())


def _has(key: str, *words: str) -> bool:
    return any(re.search(rf"\b{word}\b", key) for word in words)


def _by_keyword(key: str) -> Field | None:
    rules = (
        (lambda k: _has(k, "ghi chu"), Field.NOTE),
        (lambda k: _has(k, "thu hoi") and _has(k, "ngay"), Field.REVOKED_ON),
        (lambda k: _has(k, "thu hoi") and _has(k, "ly do"), Field.REVOCATION_REASON),
        (lambda k: _has(k, "thu hoi"), Field.REVOCATION_NUMBER),
        (lambda k: _has(k, "ma so thue", "mst", "ma so"), Field.TAX_CODE),
        (lambda k: _has(k, "co quan", "cap cong nhan", "cap quyet dinh"), Field.ISSUER),
        (lambda k: _has(k, "dia chi", "dia ban") and _has(k, "chu the", "tru so"),
         Field.PRODUCER_ADDRESS),
        (lambda k: _has(k, "dia chi", "dia ban"), Field.ADDRESS),
        (lambda k: _has(k, "sao", "phan hang", "xep hang", "hang"), Field.STARS),
        (lambda k: _has(k, "diem"), Field.SCORE),
        (lambda k: _has(k, "nhom", "nganh hang", "bo san pham", "phan loai"), Field.GROUP),
        (lambda k: _has(k, "san pham", "sp"), Field.PRODUCT),
        (lambda k: _has(k, "chu the", "don vi", "co so", "to chuc", "doanh nghiep"),
         Field.PRODUCER),
        (lambda k: _has(k, "quyet dinh", "qd") and _has(k, "ngay") and _has(k, "so"),
         Field.DECISION),
        (lambda k: _has(k, "quyet dinh", "qd") and _has(k, "ngay"), Field.DECISION_DATE),
        (lambda k: _has(k, "quyet dinh", "qd") and _has(k, "so"), Field.DECISION_NUMBER),
        (lambda k: _has(k, "quyet dinh", "qd"), Field.DECISION),
        (lambda k: k.startswith("ngay"), Field.DECISION_DATE),
        (lambda k: _has(k, "dien thoai"), Field.PHONE),
        (lambda k: _has(k, "dai dien"), Field.REPRESENTATIVE),
    )  # fmt: skip
    return next((f for rule, f in rules if rule(key)), None)


def classify(label) -> tuple[Field | None, bool]:
    """(field, guessed): guessed when only a keyword of the label was recognised."""
    key = label_key(label)
    if not key or key in _BARE:
        return None, False
    if key in _KNOWN:
        return _KNOWN[key], False
    found = _by_keyword(key)
    return found, found is not None


@dataclass(frozen=True)
class Column:
    index: int
    label: str

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class Header:
    last_row: int  # 0-based index of the last header row
    columns: dict[Field, Column]
    guessed: list[tuple[Column, Field]] = field(default_factory=list)
    duplicates: list[tuple[Column, Column]] = field(default_factory=list)

    def holds_products(self) -> bool:
        decision = {Field.STARS, Field.DECISION, Field.DECISION_NUMBER} & set(self.columns)
        return Field.PRODUCT in self.columns and bool(decision)


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def find_header(rows: list[list], merged: list[tuple[int, int, int, int]]) -> Header | None:
    best = None
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = {classify(cell)[0] for cell in row if isinstance(cell, str)} - {None}
        if Field.PRODUCT in fields and len(fields) >= 3 and (best is None or len(fields) > best[1]):
            best = (r, len(fields))
    if best is None:
        return None
    return _map_columns(rows, merged, best[0])


def _map_columns(rows, merged, r: int) -> Header:
    top = _filled_across(rows[r], merged, r)
    below = rows[r + 1] if r + 1 < len(rows) else []
    two_rows = _is_sub_header(rows[r], below, merged, r)
    if two_rows:  # without merge information (CSV) a parent label covers the empty cells after it
        for c in range(1, len(top)):
            if not top[c] and c < len(below) and _text(below[c]):
                top[c] = top[c - 1]
    header = Header(last_row=r + 1 if two_rows else r, columns={})
    for c, parent in enumerate(top):
        child = _text(below[c]) if two_rows and c < len(below) else ""
        label, (found, guessed) = _label_and_field(parent, child)
        if found is None:
            continue
        column = Column(c, label)
        if found in header.columns:
            header.duplicates.append((column, header.columns[found]))
            continue
        header.columns[found] = column
        if guessed:
            header.guessed.append((column, found))
    return header


def _label_and_field(parent: str, child: str):
    if child:
        for label in (child, f"{parent} {child}".strip()):
            found = classify(label)
            if found[0] is not None:
                return (f"{parent} › {child}" if parent else child), found
    return parent, classify(parent)


def _filled_across(row: list, merged, r: int) -> list[str]:
    """Header labels with horizontally merged cells copied to every column they cover."""
    labels = [_text(cell) for cell in row]
    for r0, c0, r1, c1 in merged:
        if r0 <= r <= r1 and c1 > c0:
            for c in range(c0 + 1, min(c1 + 1, len(labels))):
                labels[c] = labels[c] or labels[c0]
    return labels


def _is_sub_header(row: list, below: list, merged, r: int) -> bool:
    texts = [_text(cell) for cell in below]
    if not any(texts) or any(_is_number(cell) for cell in below):
        return False
    if any(r0 == r and c1 > c0 for r0, c0, r1, c1 in merged):
        return True
    # Without merge information (CSV): a sub-label under an empty top cell.
    return any(t and c < len(row) and not _text(row[c]) for c, t in enumerate(texts))


def _text(cell) -> str:
    return " ".join(cell.split()) if isinstance(cell, str) else ""


def _is_number(cell) -> bool:
    return isinstance(cell, int | float) and not isinstance(cell, bool)
