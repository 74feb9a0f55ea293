"""What changed for one product between two days (issue 12): what a journalist compares between
two yearly letters. A product's events are read from its decisions with the status rule
(ocop.domain.status), never from a second rule written here."""

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ocop.domain.status import DecisionFacts, Status, status_on


class ChangeKind(enum.StrEnum):
    RECOGNISED = "recognised"
    RENEWED = "renewed"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ChangeKind.RECOGNISED: "Công nhận mới",
    ChangeKind.RENEWED: "Đánh giá lại, công nhận tiếp",
    ChangeKind.EXPIRED: "Hết thời hạn",
    ChangeKind.REVOKED: "Thu hồi",
}
# Events of one day in the order a reader follows them.
KIND_ORDER = {kind: index for index, kind in enumerate(ChangeKind)}


@dataclass(frozen=True)
class Change:
    day: date
    kind: ChangeKind
    decision: DecisionFacts  # the decision signed, revoked, or (expired) the one that ran out


def changes_between(decisions: Sequence[DecisionFacts], start: date, end: date) -> list[Change]:
    """One product's events on days from `start` to `end` inclusive, by day:
    - recognised: its first decision is signed that day;
    - renewed: a later decision is signed that day;
    - expired: valid the day before, expired that day (a renewal signed in time means no
      expiry; one signed after the gap comes as its own event);
    - revoked: a decision is revoked that day."""
    ordered = sorted(decisions, key=lambda d: (d.decided_on, d.order))
    found, expiries = [], set()
    for index, decision in enumerate(ordered):
        if start <= decision.decided_on <= end:
            kind = ChangeKind.RENEWED if index else ChangeKind.RECOGNISED
            found.append(Change(decision.decided_on, kind, decision))
        if decision.revoked_on is not None and start <= decision.revoked_on <= end:
            found.append(Change(decision.revoked_on, ChangeKind.REVOKED, decision))
        day_after = decision.last_valid_day + timedelta(days=1)
        new_expiry = start <= day_after <= end and day_after not in expiries
        if new_expiry and _runs_out(ordered, day_after):
            expiries.add(day_after)
            found.append(Change(day_after, ChangeKind.EXPIRED, decision))
    return sorted(found, key=lambda change: (change.day, KIND_ORDER[change.kind]))


def _runs_out(decisions: Sequence[DecisionFacts], day: date) -> bool:
    before = status_on(decisions, day - timedelta(days=1))
    return before == Status.VALID and status_on(decisions, day) == Status.EXPIRED
