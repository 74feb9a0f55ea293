"""The dossier's writes: registering one and taking a step, each all or nothing, each step one
DossierStep row with who and when. Rights are checked here, against the product's commune, so
a crafted request cannot skip the page's checks; the path is ocop.domain.dossier_flow, the score
sheet ocop.domain.scoring, and the decision a normal ORM save, so its last valid day, public
code and the public pages follow (ocop.registry.derived, links, shared.freshness)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ocop.domain.criteria import criteria_version_on
from ocop.domain.dates import format_date
from ocop.domain.dossier_flow import FlowError, State, check_move
from ocop.domain.issuers import issuer_name, presumed_issuer
from ocop.domain.roles import Action
from ocop.domain.scoring import ScoreError, capped_stars, total_score
from ocop.dossiers.models import Dossier, DossierStep, Kind
from ocop.registry.models import Decision


class StepRefused(ValueError):
    """A write we refuse; `str()` is the Vietnamese message, `field` the form field at fault."""

    def __init__(self, message: str, field: str | None = None):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Scores:
    a: Decimal
    b: Decimal
    c: Decimal
    missing_mandatory: tuple[int, ...] = ()


@dataclass(frozen=True)
class DecisionFacts:
    number: str
    decided_on: date
    issuer: str = ""


def actor_name(user) -> str:
    return (user.get_full_name() or user.get_username()).strip()


def register(*, user, staff, kind, product, registered_on, renews=None, note="") -> Dossier:
    if not staff.can(Action.EDIT_LOCAL, product.unit):
        raise StepRefused("Bạn không có quyền lập hồ sơ cho sản phẩm của xã/phường này.")
    if kind == Kind.RENEWAL:
        if renews is None or renews.product_id != product.pk:
            raise StepRefused("Hồ sơ đánh giá lại phải nêu quyết định của chính sản phẩm này.")
    elif renews is not None:
        raise StepRefused("Hồ sơ đánh giá lần đầu không gắn với quyết định cũ.")
    if registered_on > timezone.localdate():
        raise StepRefused("Ngày đăng ký không được sau hôm nay.", "registered_on")
    with transaction.atomic():
        dossier = Dossier.objects.create(
            kind=kind,
            product=product,
            renews=renews,
            registered_on=registered_on,
            note=note,
            created_by=user,
        )
        _record(dossier, "", State.REGISTERED, user, note)
    return dossier


def take_step(
    dossier_id: int,
    to: State | str,
    *,
    user,
    staff,
    expected_from: str | None = None,
    note: str = "",
    scores: Scores | None = None,
    decision: DecisionFacts | None = None,
) -> Dossier:
    to = State(to)
    with transaction.atomic():
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("product__unit__province", "renews")
            .get(pk=dossier_id)
        )
        if expected_from is not None and dossier.state != expected_from:
            # Two officers on the same dossier, or a form sent twice.
            raise StepRefused(
                f"Hồ sơ vừa được chuyển sang bước “{dossier.get_state_display()}”:"
                " tải lại trang để xem."
            )
        try:
            action = check_move(
                dossier.state,
                to,
                stars=dossier.stars if to is State.DECIDED else None,
            )
        except FlowError as exc:
            raise StepRefused(str(exc)) from None
        if not staff.can(action, dossier.product.unit):
            raise StepRefused("Bạn không có quyền thực hiện bước này với hồ sơ của xã/phường này.")
        data = {}
        if to is State.SCORED:
            data = _score(dossier, scores)
        elif to is State.DECIDED:
            data = _decide(dossier, decision)
        elif to in (State.ASSESSED, State.NOT_PASSED) and not note.strip():
            raise StepRefused("Ghi rõ kết luận.", "note")
        frm = dossier.state
        dossier.state = to.value
        dossier.save()
        _record(dossier, frm, to, user, note, data)
    return dossier


def _score(dossier: Dossier, scores: Scores | None) -> dict:
    if scores is None:
        raise StepRefused("Thiếu điểm chấm.")
    parts = {"A": scores.a, "B": scores.b, "C": scores.c}
    try:
        total = total_score(parts)
        stars = capped_stars(total, scores.missing_mandatory)
    except ScoreError as exc:
        raise StepRefused(str(exc), f"score_{exc.part.lower()}" if exc.part else None) from None
    dossier.score_a, dossier.score_b, dossier.score_c = scores.a, scores.b, scores.c
    dossier.score, dossier.stars = total, stars
    dossier.missing_mandatory = sorted(scores.missing_mandatory)
    return {
        "A": str(scores.a),
        "B": str(scores.b),
        "C": str(scores.c),
        "total": str(total),
        "missing_mandatory": sorted(scores.missing_mandatory),
        "stars": stars,
    }


def _decide(dossier: Dossier, facts: DecisionFacts | None) -> dict:
    if facts is None or not facts.number.strip():
        raise StepRefused("Ghi số quyết định.", "number")
    number = " ".join(facts.number.split())
    if facts.decided_on > timezone.localdate():
        raise StepRefused("Ngày quyết định không được sau hôm nay.", "decided_on")
    if facts.decided_on < dossier.registered_on:
        raise StepRefused(
            f"Ngày quyết định trước ngày đăng ký hồ sơ ({format_date(dossier.registered_on)}).",
            "decided_on",
        )
    renews = dossier.renews
    if renews is not None and facts.decided_on <= renews.decided_on:
        raise StepRefused(
            f"Quyết định đánh giá lại phải sau quyết định cũ ngày"
            f" {format_date(renews.decided_on)}.",
            "decided_on",
        )
    product = dossier.product
    if product.decisions.filter(number=number, decided_on=facts.decided_on).exists():
        raise StepRefused(
            f"Sản phẩm đã có quyết định số {number} ngày {format_date(facts.decided_on)}.",
            "number",
        )
    province = product.unit.province.name
    issuer = issuer_name(facts.issuer, province) if facts.issuer.strip() else ""
    presumed = not issuer
    if presumed:
        issuer = presumed_issuer(dossier.stars, facts.decided_on, None, province) or ""
    created = Decision(
        product=product,
        stars=dossier.stars,
        score=dossier.score,
        number=number,
        decided_on=facts.decided_on,
        issuer=issuer,
        issuer_presumed=presumed,
        criteria_version=criteria_version_on(facts.decided_on),
        source=f"Hồ sơ đánh giá số {dossier.pk}",
    )
    created.save()
    dossier.decision = created
    return {
        "decision": created.pk,
        "number": number,
        "decided_on": facts.decided_on.isoformat(),
        "issuer": issuer,
        "stars": dossier.stars,
        "public_code": created.public_code,
    }


def _record(dossier, frm, to: State, user, note: str, data: dict | None = None) -> None:
    DossierStep.objects.create(
        dossier=dossier,
        from_state=frm,
        to_state=to.value,
        by=user,
        by_name=actor_name(user),
        at=timezone.now(),
        note=note.strip(),
        data=data or {},
    )
