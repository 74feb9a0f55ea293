"""The status of a product on a given day, from its decisions (OCOP.md §2)."""

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ocop.domain.validity import is_valid_on


class Status(enum.StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    NOT_RECOGNISED = "not_recognised"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Status.VALID: "Còn hiệu lực",
    Status.EXPIRED: "Hết thời hạn, chưa đánh giá lại",
    Status.REVOKED: "Đã thu hồi",
    Status.NOT_RECOGNISED: "Chưa được công nhận",
}


@dataclass(frozen=True)
class DecisionFacts:
    decided_on: date
    last_valid_day: date
    stars: int
    revoked_on: date | None = None
    # Breaks ties between decisions signed the same day: higher means later.
    order: int = 0


def status_on(decisions: Iterable[DecisionFacts], day: date) -> Status:
    counted = _signed_by(decisions, day)
    if any(_in_force(decision, day) for decision in counted):
        return Status.VALID
    if not counted:
        return Status.NOT_RECOGNISED
    if _revoked_by(_latest(counted), day):
        return Status.REVOKED
    return Status.EXPIRED


def stars_on(decisions: Iterable[DecisionFacts], day: date) -> int | None:
    in_force = [decision for decision in decisions if _in_force(decision, day)]
    return _latest(in_force).stars if in_force else None


def valid_until(decisions: Iterable[DecisionFacts], day: date) -> date | None:
    """The last day of the recognition as known on `day`: the latest last valid day of the
    decisions signed by then and not revoked by then (None without one). Past when the
    product is expired on `day`."""
    known = [d for d in _signed_by(decisions, day) if not _revoked_by(d, day)]
    return max((decision.last_valid_day for decision in known), default=None)


def expiring_between(decisions: Iterable[DecisionFacts], start: date, end: date) -> bool:
    """Whether the product is in force on `start` and its recognition, as known on `start`,
    runs out by `end`: the day asked is `start`, so a decision signed or a revocation decided
    after it does not change the answer (OCOP.md §2: "as of D")."""
    until = valid_until(decisions, start)
    return until is not None and start <= until <= end


def _signed_by(decisions: Iterable[DecisionFacts], day: date) -> list[DecisionFacts]:
    # The registry answers "as of day": a decision signed later does not exist yet.
    return [decision for decision in decisions if decision.decided_on <= day]


def _in_force(decision: DecisionFacts, day: date) -> bool:
    within_term = is_valid_on(decision.decided_on, decision.last_valid_day, day)
    return within_term and not _revoked_by(decision, day)


def _revoked_by(decision: DecisionFacts, day: date) -> bool:
    return decision.revoked_on is not None and decision.revoked_on <= day


def _latest(decisions: Sequence[DecisionFacts]) -> DecisionFacts:
    return max(decisions, key=lambda decision: (decision.decided_on, decision.order))
