"""Revoking a recognition (OCOP.md §7): the grounds seen for it, and when a revocation may be
recorded. The body that recognised a product revokes it by a decision with number, date and
reason; the registry records that decision, it never decides."""

import enum
from collections.abc import Sequence
from datetime import date

from ocop.domain.dates import format_date
from ocop.domain.status import DecisionFacts
from ocop.domain.verdict import standing_on


class Ground(enum.StrEnum):
    QUALITY = "quality"
    FOOD_SAFETY = "food_safety"
    RECORDS = "records"
    STOPPED = "stopped"
    NOT_REEVALUATED = "not_reevaluated"
    FAILED_REEVALUATION = "failed_reevaluation"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Ground.QUALITY: "Sản xuất hoặc chất lượng sản phẩm không còn như khi được công nhận",
    Ground.FOOD_SAFETY: "Vi phạm quy định về an toàn thực phẩm",
    Ground.RECORDS: "Không duy trì hồ sơ quản lý chất lượng, truy xuất nguồn gốc",
    Ground.STOPPED: "Chủ thể ngừng sản xuất, kinh doanh",
    Ground.NOT_REEVALUATED: "Không đánh giá lại trong 36 tháng",
    Ground.FAILED_REEVALUATION: "Không đạt tiêu chí bắt buộc khi đánh giá lại",
    Ground.OTHER: "Lý do khác",
}


def public_reason(ground: Ground | str, detail: str = "") -> str:
    """The reason the verification page shows: the ground, then what the decision says."""
    detail = " ".join(detail.split())
    if Ground(ground) is Ground.OTHER and detail:
        return detail
    label = Ground(ground).label
    return f"{label}: {detail}" if detail else label


def refusal(
    decision: DecisionFacts,
    product_decisions: Sequence[DecisionFacts],
    revoked_on: date,
    today: date,
) -> str | None:
    """Why this revocation cannot be recorded, or None.

    The rule chosen: the revocation's date lies between the recognition's date and today, both
    included. A revocation cannot precede what it revokes; a date ahead of today would be a plan,
    and the verdict would say "revoked" only from that day while the page says it now. After the
    last valid day is allowed: not being re-evaluated within 36 months is itself a ground.
    Only the product's latest decision can be revoked: an older one no longer decides its
    standing (ocop.domain.status), so revoking it would change nothing a consumer sees."""
    if decision.revoked_on is not None:
        return f"Quyết định này đã bị thu hồi ngày {format_date(decision.revoked_on)}."
    if revoked_on < decision.decided_on:
        return (
            f"Ngày thu hồi {format_date(revoked_on)} trước ngày quyết định công nhận "
            f"{format_date(decision.decided_on)}: không thể thu hồi trước khi công nhận."
        )
    if revoked_on > today:
        return (
            f"Ngày thu hồi {format_date(revoked_on)} sau hôm nay ({format_date(today)}): chỉ ghi "
            "quyết định thu hồi đã ký, đến ngày hôm nay."
        )
    latest = standing_on(product_decisions, today).latest
    if latest is not None and latest.order != decision.order:
        return (
            "Sản phẩm đã có quyết định công nhận mới hơn (ngày "
            f"{format_date(latest.decided_on)}): thu hồi quyết định mới nhất."
        )
    return None
