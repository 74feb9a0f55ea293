"""The changes between two dates as open data: every new recognition, renewal, expiry and
revocation, each with its day and its product. Which events a product has is the domain's
rule (ocop.domain.changes); here the database finds the products concerned and their
decisions."""

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from django.db.models import Q

from ocop.domain.changes import KIND_ORDER, Change, ChangeKind
from ocop.domain.changes import changes_between as product_changes
from ocop.domain.dates import format_date
from ocop.domain.status import DecisionFacts, status_on
from ocop.opendata.records import COLUMNS, ORDER, Column, PublicUrls, Record, record_from_row
from ocop.registry.models import Decision

# The longest range asked in one go: ten years covers every decision the programme signed.
MAX_DAYS = 3660

_FIELDS = (
    "pk", "public_code", "product_id", "product__name", "product__producer_id",
    "product__producer__name", "product__producer__kind", "product__unit__code",
    "product__unit__kind", "product__unit__name", "product__product_set__key",
    "product__product_set__group", "product__group_as_written", "stars", "number",
    "decided_on", "issuer", "last_valid_day", "revoked_on",
)  # fmt: skip


EVENT_COLUMNS = (
    Column("date", "Ngày", "ngày (dd/mm/yyyy; JSON: yyyy-mm-dd)", "Ngày xảy ra thay đổi."),
    Column("kind", "Loại thay đổi (mã)", "một trong: recognised, renewed, expired, revoked",
           "Loại thay đổi, dạng mã."),
    Column("kind_label", "Loại thay đổi", "văn bản",
           "Công nhận mới (quyết định đầu tiên của sản phẩm); Đánh giá lại, công nhận tiếp "
           "(quyết định sau một quyết định trước đó); Hết thời hạn (ngày sau ngày cuối cùng còn "
           "hiệu lực, khi chưa có quyết định mới); Thu hồi."),
)  # fmt: skip
# After the event's own columns, the product's; its decision columns are those of the decision
# concerned (for an expiry: the one that ran out), its stars that decision's.
CHANGE_COLUMNS = EVENT_COLUMNS + COLUMNS


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    day: date
    kind: str  # a ChangeKind value
    kind_label: str
    # The product as of the event; its decision columns are those of the decision concerned.
    record: Record

    def values(self) -> list:
        return [self.day, self.kind, self.kind_label, *self.record.values()]

    def to_dict(self) -> dict:
        return {
            "date": self.day.isoformat(),
            "kind": self.kind,
            "kind_label": self.kind_label,
            **self.record.to_dict(),
        }


def check_range(start: date, end: date) -> None:
    if start > end:
        raise ValueError(
            f"Ngày bắt đầu ({format_date(start)}) sau ngày kết thúc ({format_date(end)})"
        )
    if (end - start).days > MAX_DAYS:
        raise ValueError("Khoảng thời gian quá dài: mỗi lần tải tối đa 10 năm")


def changes_between(start: date, end: date, base: str = "") -> list[ChangeRecord]:
    """Every event from `start` to `end` inclusive, by day, then kind (recognised, renewed,
    expired, revoked), then product in dictionary order."""
    check_range(start, end)
    urls, found = PublicUrls(base), []
    for position, (_, rows) in enumerate(groupby(_decisions(start, end), _product_of)):
        rows = list(rows)
        facts = [_facts(row) for row in rows]
        by_facts = dict(zip(map(id, facts), rows, strict=True))
        for change in product_changes(facts, start, end):
            row = by_facts[id(change.decision)]
            found.append((change, position, _change_record(change, row, facts, urls)))
    found.sort(key=lambda item: (item[0].day, KIND_ORDER[item[0].kind], item[1]))
    return [record for _, _, record in found]


def _decisions(start: date, end: date):
    """Every decision of each product with a decision signed, revoked or running out in the
    range, grouped by product in dictionary order."""
    touched = Decision.objects.filter(
        Q(decided_on__range=(start, end))
        | Q(revoked_on__range=(start, end))
        | Q(last_valid_day__range=(start - timedelta(days=1), end - timedelta(days=1)))
    )
    rows = Decision.objects.filter(product__in=touched.values("product"))
    return rows.order_by(*ORDER, "decided_on", "pk").values(*_FIELDS).iterator(chunk_size=2000)


def _product_of(row: dict) -> int:
    return row["product_id"]


def _facts(row: dict) -> DecisionFacts:
    return DecisionFacts(
        decided_on=row["decided_on"],
        last_valid_day=row["last_valid_day"],
        stars=row["stars"],
        revoked_on=row["revoked_on"],
        order=row["pk"],
    )


def _change_record(change: Change, row: dict, facts: list, urls: PublicUrls) -> ChangeRecord:
    kind, revoked = ChangeKind(change.kind), row["revoked_on"]
    event_row = {
        **row,
        "counted_stars": row["stars"],
        "product_status": status_on(facts, change.day).value,
        "revoked_by_day": revoked if revoked and revoked <= change.day else None,
    }
    # The stars of the decision concerned, even when it no longer counts (expired, revoked).
    record = record_from_row(event_row, urls)._replace(stars=row["stars"])
    return ChangeRecord(change.day, kind.value, kind.label, record)
