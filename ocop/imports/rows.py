"""Check one product row: every cell parsed, every problem named, nothing written."""

import functools
from dataclasses import dataclass
from datetime import date

from ocop.domain import criteria, issuers, names
from ocop.domain.addresses import AddressResolver, UnresolvedAddress
from ocop.domain.producers import ProducerType, producer_type_of
from ocop.imports import values
from ocop.imports.header import Field, Header
from ocop.imports.issues import Issue, Issues, Severity, shown
from ocop.imports.sheets import FIELD_NAMES, RawRow
from ocop.registry.models import Decision, Producer, Product

_YES = {"co", "có", "x", "true", "1", "yes"}


@dataclass
class CheckedRow:
    file_index: int
    source: str
    where: tuple[str, str, int]  # file, sheet, row
    product_name: str
    product_key: str
    producer_name: str
    producer_key: str
    producer_kind: str
    tax_code: str | None
    address: str
    producer_address: str
    unit_code: str
    producer_unit_code: str
    stars: int
    number: str
    decided_on: date
    issuer: str
    issuer_presumed: bool
    criteria_version: str
    score: object = None
    group: str = ""
    product_set: str = ""
    revoked_on: date | None = None
    revocation_number: str = ""
    revocation_reason: str = ""
    representative: str = ""
    phone: str = ""
    email: str = ""
    description: str = ""


@dataclass
class Reference:
    """What the checks need from the database, as plain data."""

    resolver: AddressResolver
    province_name: str
    product_sets: dict[str, str]  # text key of a set's key or name -> set key


class RowChecker:
    def __init__(self, reference: Reference, file_index: int, file_name: str, sheet: str, header):
        self.reference = reference
        self.file_index = file_index
        self.file_name = file_name
        self.sheet = sheet
        self.header: Header = header
        self.issues = Issues()
        self.errors = 0

    def check(self, raw: RawRow) -> CheckedRow | None:
        self.raw = raw
        errors_before = self._error_count()
        cells = raw.cells
        product = self._text(Field.PRODUCT, required="thiếu tên sản phẩm")
        producer = self._text(Field.PRODUCER, required="thiếu tên chủ thể")
        stars = self._parse(Field.STARS, values.parse_stars, required="thiếu hạng sao")
        number, decided_on, issuer = self._decision()
        address = self._text(Field.ADDRESS)
        unit_code, district = self._unit(address)
        producer_unit = self._producer_unit(unit_code)
        revoked_on = self._parse(Field.REVOKED_ON, values.parse_date)
        if revoked_on and decided_on and revoked_on < decided_on:
            self._error(Field.REVOKED_ON, "ngày thu hồi trước ngày quyết định công nhận")
        if self._error_count() > errors_before:
            return None
        district = district or self.reference.resolver.old_district_of(unit_code)
        issuer, presumed = self._issuer(issuer, stars, decided_on, district)
        row = CheckedRow(
            file_index=self.file_index,
            source=self._text(Field.SOURCE) or self._source(),
            where=(self.file_name, self.sheet, raw.number),
            product_name=product,
            product_key=names.product_key(product),
            producer_name=producer,
            producer_key=names.producer_key(producer),
            producer_kind=self._kind(producer),
            tax_code=_code(cells.get(Field.TAX_CODE)) or None,
            address=address,
            producer_address=self._producer_address(address),
            unit_code=unit_code,
            producer_unit_code=producer_unit,
            stars=stars,
            number=number,
            decided_on=decided_on,
            issuer=issuer,
            issuer_presumed=presumed,
            criteria_version=self._text(Field.CRITERIA) or criteria.criteria_version_on(decided_on),
            score=self._score(),
            group=self._text(Field.GROUP),
            product_set=self._product_set(),
            revoked_on=revoked_on,
            revocation_number=self._text(Field.REVOCATION_NUMBER),
            revocation_reason=self._text(Field.REVOCATION_REASON),
            representative=self._text(Field.REPRESENTATIVE),
            phone=self._text(Field.PHONE),
            email=self._text(Field.EMAIL),
            description=self._text(Field.DESCRIPTION),
        )
        return None if self._too_long(row) else row

    def _too_long(self, row: CheckedRow) -> bool:
        """A value longer than the registry stores is an error on both databases (PostgreSQL
        would refuse it mid-write, SQLite would store it whole)."""
        errors, reported = self.errors, set()
        for attribute, limit, name, fields in _limits():
            value = getattr(row, attribute) or ""
            if len(value) > limit and fields not in reported:
                reported.add(fields)
                f = next((f for f in fields if f in self.header.columns), None)
                written = self.raw.cells.get(f, value) if f else value
                what = "khi viết đầy đủ loại hình chủ thể, " if name == "name_key" else ""
                self._error(
                    f,
                    f"{what}dài {len(value)} ký tự, quá {limit} ký tự mà sổ đăng ký lưu được: "
                    "rút gọn nội dung ô",
                    _abridged(shown(written)),
                )
        return self.errors > errors

    def _source(self) -> str:
        where = [self.file_name, self.sheet, f"dòng {self.raw.number}"]
        return " › ".join(filter(None, where))

    def _error_count(self) -> int:
        return self.errors

    def _issue(self, f: Field | None, message: str, severity: Severity, value=None) -> None:
        column = self.header.columns.get(f) if f else None
        if value is None:
            value = self.raw.cells.get(f, "") if f else ""
        self.issues.append(
            Issue(
                self.file_name,
                self.sheet,
                self.raw.number,
                column.letter if column else "",
                column.label if column else "",
                shown(value),
                message,
                severity,
            )
        )

    def _error(self, f: Field | None, message: str, value=None) -> None:
        self.errors += 1
        self._issue(f, message, Severity.ERROR, value)

    def warn(self, f: Field | None, message: str, value=None) -> None:
        self._issue(f, message, Severity.WARNING, value)

    def _text(self, f: Field, required: str = "") -> str:
        value = self.raw.cells.get(f, "")
        text = shown(value) if not isinstance(value, str) else value
        if required and not text:
            if f not in self.header.columns:
                self._error(None, f"{required} (không có cột {FIELD_NAMES[f]})")
            else:
                self._error(f, required)
        return text

    def _parse(self, f: Field, parse, required: str = ""):
        value = self.raw.cells.get(f)
        if value is None:
            if required:
                self._text(f, required)
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self._error(f, str(exc))
            return None

    def _decision(self) -> tuple[str, date | None, str]:
        cells, columns = self.raw.cells, self.header.columns
        number, day, issuer = "", None, ""
        errors = self._error_count()
        if Field.DECISION in cells:
            number, day, issuer = self._parse(Field.DECISION, values.parse_decision) or (
                "",
                None,
                "",
            )
        if Field.DECISION_NUMBER in cells:
            number = self._parse(Field.DECISION_NUMBER, values.parse_number) or number
        if Field.DECISION_DATE in cells:
            written = self._parse(Field.DECISION_DATE, values.parse_date)
            if day and written and written != day:
                self._error(Field.DECISION_DATE, "ngày khác với ngày ghi trong cột quyết định")
            day = written or day
        if self._error_count() > errors:
            return number, day, issuer
        home = Field.DECISION if Field.DECISION in columns else None
        if not number:
            self._text(Field.DECISION_NUMBER if Field.DECISION_NUMBER in columns else home
                       or Field.DECISION_NUMBER, required="thiếu số quyết định")  # fmt: skip
        if day is None:
            self._text(Field.DECISION_DATE if Field.DECISION_DATE in columns else home
                       or Field.DECISION_DATE, required="thiếu ngày quyết định")  # fmt: skip
        return number, day, issuer

    def _unit(self, address: str) -> tuple[str, str | None]:
        code = _code(self.raw.cells.get(Field.UNIT_CODE))
        if code.isdigit() and len(code) < 5:  # typed as a number, the leading zero was lost
            code = code.zfill(5)
        if code:
            if code not in self.reference.resolver.units:
                self._error(Field.UNIT_CODE, "mã xã/phường không có trong danh sách")
            return code, None
        if not address:
            self._text(Field.ADDRESS, required="thiếu địa chỉ")
            return "", None
        try:
            place = self.reference.resolver.resolve(address, self.raw.context)
        except UnresolvedAddress as exc:
            self._error(Field.ADDRESS, f"địa chỉ không khớp xã/phường nào: {exc}")
            return "", None
        for note in place.warnings:
            self.warn(Field.ADDRESS, note)
        return place.unit_code, place.old_district

    def _producer_address(self, address: str) -> str:
        if Field.PRODUCER_ADDRESS in self.header.columns:
            return self._text(Field.PRODUCER_ADDRESS)
        return address

    def _producer_unit(self, unit_code: str) -> str:
        code = _code(self.raw.cells.get(Field.PRODUCER_UNIT_CODE)).zfill(5)
        if code.strip("0") and code not in self.reference.resolver.units:
            self._error(Field.PRODUCER_UNIT_CODE, "mã xã/phường không có trong danh sách")
        return code if code.strip("0") else unit_code

    def _issuer(self, issuer: str, stars, decided_on, district) -> tuple[str, bool]:
        written = self._text(Field.ISSUER) or issuer
        note = self._text(Field.NOTE)
        if not written and note and values.looks_like_issuer(note):
            written = note
        presumed_cell = self._text(Field.ISSUER_PRESUMED)
        province = self.reference.province_name
        written = issuers.issuer_name(written, province)
        if (
            written
            and decided_on
            and issuers.issuer_on_record(written, False, stars, decided_on, province)
            != (written, False)
        ):
            # District committees ceased on 01/07/2025 (OCOP.md §5, issue 19): presumed instead,
            # for an officer to confirm at the desk.
            self.warn(
                Field.ISSUER,
                f"{written} không thể ban hành quyết định từ ngày 01/07/2025 (UBND cấp huyện đã "
                "chấm dứt hoạt động); cơ quan ban hành được suy ra",
                written,
            )
            written = ""
        if written:
            return written, bool(presumed_cell) and names.fold(presumed_cell) in _YES
        presumed = issuers.presumed_issuer(stars, decided_on, district, province)
        if presumed is None:
            self.warn(Field.ADDRESS, "không suy ra được cơ quan ban hành: không rõ huyện cũ")
        return presumed or "", presumed is not None

    def _kind(self, producer: str) -> str:
        written = self._text(Field.PRODUCER_KIND)
        for kind in ProducerType if written else ():
            if names.text_key(written) == names.text_key(kind.label):
                return kind.value
        return producer_type_of(producer).value

    def _score(self):
        value = self.raw.cells.get(Field.SCORE)
        if value is None:
            return None
        try:
            score = float(str(value).replace(",", "."))
        except ValueError:
            self.warn(Field.SCORE, "điểm không đọc được; bỏ qua")
            return None
        if not 0 <= score <= 100:
            self.warn(Field.SCORE, "điểm phải từ 0 đến 100; bỏ qua")
            return None
        return round(score, 2)

    def _product_set(self) -> str:
        # Our export says the set outright; other lists name a group that may be a set.
        fields = (
            (Field.PRODUCT_SET,) if Field.PRODUCT_SET in self.header.columns else (Field.GROUP,)
        )
        for f in fields:
            text = self._text(f)
            if text:
                found = self.reference.product_sets.get(names.text_key(text))
                if found:
                    return found
        return ""


# What a checked row stores, in which field of which model, from which columns.
_STORED = (
    ("product_name", Product, "name", (Field.PRODUCT,)),
    ("product_key", Product, "name_key", (Field.PRODUCT,)),
    ("producer_name", Producer, "name", (Field.PRODUCER,)),
    ("producer_key", Producer, "name_key", (Field.PRODUCER,)),
    ("tax_code", Producer, "tax_code", (Field.TAX_CODE,)),
    ("address", Product, "address", (Field.ADDRESS,)),
    ("producer_address", Producer, "address", (Field.PRODUCER_ADDRESS, Field.ADDRESS)),
    ("representative", Producer, "representative", (Field.REPRESENTATIVE,)),
    ("phone", Producer, "phone", (Field.PHONE,)),
    ("email", Producer, "email", (Field.EMAIL,)),
    ("group", Product, "group_as_written", (Field.GROUP,)),
    ("number", Decision, "number", (Field.DECISION_NUMBER, Field.DECISION)),
    ("issuer", Decision, "issuer", (Field.ISSUER, Field.DECISION, Field.NOTE)),
    ("criteria_version", Decision, "criteria_version", (Field.CRITERIA,)),
    ("revocation_number", Decision, "revocation_number", (Field.REVOCATION_NUMBER,)),
    ("source", Decision, "source", (Field.SOURCE,)),
)


@functools.cache
def _limits() -> list[tuple[str, int, str, tuple]]:
    """_STORED with each field's length limit, looked up once rather than per row and field."""
    return [
        (attribute, model._meta.get_field(name).max_length, name, fields)
        for attribute, model, name, fields in _STORED
    ]


def _abridged(text: str, size: int = 60) -> str:
    return text if len(text) <= size else f"{text[:size]}…"


def _code(value) -> str:
    """A code typed as a number (tax code, unit code) keeps its digits: 36001234.0 -> "36001234"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else "".join(str(value).split())
