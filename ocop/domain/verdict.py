"""The verdict a consumer reads when checking a product: its standing today in plain words,
in Vietnamese and English. The verification page and the future product page both say it
with these sentences, from the statuses of ocop.domain.status."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ocop.domain.dates import format_date
from ocop.domain.status import DecisionFacts, Status, status_on


@dataclass(frozen=True)
class Verdict:
    status: Status | None  # None: no such code or product
    vi: str
    en: str
    ground_vi: str = ""
    ground_en: str = ""


@dataclass(frozen=True)
class Standing:
    """A product's standing on a day, with the decisions that decide the verdict's dates."""

    status: Status
    in_force: DecisionFacts | None  # the latest decision in force (its stars count)
    latest: DecisionFacts | None  # the latest decision signed by the day
    valid_until: date | None  # the last day of recognition while valid


def standing_on(decisions: Sequence[DecisionFacts], day: date) -> Standing:
    status = status_on(decisions, day)
    signed = [d for d in decisions if d.decided_on <= day]
    latest = max(signed, key=_order, default=None)
    in_force = [
        d
        for d in signed
        if d.last_valid_day >= day and (d.revoked_on is None or d.revoked_on > day)
    ]
    return Standing(
        status=status,
        in_force=max(in_force, key=_order, default=None),
        latest=latest,
        valid_until=max((d.last_valid_day for d in in_force), default=None),
    )


def _order(decision: DecisionFacts):
    return (decision.decided_on, decision.order)


def verdict(standing: Standing | None, revocation_reason: str = "") -> Verdict:
    """The sentences for a standing (None: nothing found). `revocation_reason` is the ground
    written on the latest decision when it was revoked."""
    if standing is None:
        return Verdict(None, "Không tìm thấy", "Not found")
    status, latest = standing.status, standing.latest
    if status is Status.VALID:
        until = format_date(standing.valid_until)
        return Verdict(status, f"Còn hiệu lực đến hết ngày {until}", f"Valid until {until}")
    if status is Status.REVOKED:
        day = format_date(latest.revoked_on)
        reason = revocation_reason.strip()
        return Verdict(
            status,
            f"Đã bị thu hồi ngày {day}",
            f"Revoked on {day}",
            f"Lý do: {reason}" if reason else "Lý do: không ghi trong quyết định thu hồi",
            f"Ground: {reason}" if reason else "Ground: not stated in the revocation",
        )
    if status is Status.EXPIRED:
        first_day_out = format_date(latest.last_valid_day + timedelta(days=1))
        return Verdict(
            status, f"Hết hiệu lực từ ngày {first_day_out}", f"No longer valid from {first_day_out}"
        )
    return Verdict(status, "Chưa được công nhận", "Not yet recognised")
