"""Recording a revocation and undoing it. Both write the decision's own fields by a normal
save (so the audit log records them and the database triggers move the public pages' token:
the verdict changes on the very next page), then tell the producer and the commune officers."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from ocop.accounts.recipients import commune_officer_addresses
from ocop.domain.revocation import Ground, public_reason, refusal
from ocop.enforcement.models import Revocation
from ocop.notices.sending import render_mail, send_notice
from ocop.registry.models import Decision

DECISION_FIELDS = ["revoked_on", "revocation_number", "revocation_reason"]


class RevocationRefused(ValueError):
    """Why a revocation cannot be recorded; `str()` is the message for the officer."""


@dataclass
class Facts:
    number: str
    revoked_on: date
    issuer: str
    ground: str
    detail: str = ""


def why_not(decision: Decision, revoked_on: date, today: date) -> str | None:
    others = [d.facts() for d in decision.product.decisions.all()]
    return refusal(decision.facts(), others, revoked_on, today)


def revoke(decision: Decision, facts: Facts, user, scan=None, today: date | None = None):
    """Record the revocation, or raise RevocationRefused with the reason. All or nothing: the
    decision's fields and the Revocation row together; the e-mails only once both are saved."""
    today = today or timezone.localdate()
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        reason = why_not(decision, facts.revoked_on, today)
        if reason:
            raise RevocationRefused(reason)
        revocation = Revocation(
            decision=decision,
            number=facts.number,
            revoked_on=facts.revoked_on,
            issuer=facts.issuer,
            ground=facts.ground,
            detail=facts.detail,
            recorded_by=user,
        )
        if scan is not None:
            revocation.scan.save(scan.name, scan, save=False)
        try:
            revocation.save()
            decision.revoked_on = facts.revoked_on
            decision.revocation_number = facts.number
            decision.revocation_reason = public_reason(facts.ground, facts.detail)
            decision.save(update_fields=DECISION_FIELDS)
        except Exception:
            if revocation.scan:
                revocation.scan.delete(save=False)
            raise
        transaction.on_commit(lambda: notify(revocation, undone=False))
    return revocation


def undo(revocation: Revocation, reason: str, user) -> Revocation:
    """Cancel a revocation recorded here (entered in error, or annulled): the decision is as
    before it, the row keeps who undid it, when and why."""
    reason = " ".join(reason.split())
    if not reason:
        raise RevocationRefused("Hãy ghi lý do hủy thu hồi.")
    with transaction.atomic():
        revocation = Revocation.objects.select_for_update().get(pk=revocation.pk)
        if revocation.undone_at is not None:
            raise RevocationRefused("Lần thu hồi này đã được hủy trước đó.")
        revocation.undone_at, revocation.undone_by = timezone.now(), user
        revocation.undo_reason = reason
        revocation.save()
        decision = revocation.decision
        decision.revoked_on, decision.revocation_number, decision.revocation_reason = None, "", ""
        decision.save(update_fields=DECISION_FIELDS)
        transaction.on_commit(lambda: notify(revocation, undone=True))
    return revocation


def notify(revocation: Revocation, *, undone: bool) -> list:
    """One e-mail to the producer (when their address is known) and one to each commune
    officer of the product's commune; each logged in ocop.notices."""
    product = revocation.decision.product
    subject, body = message(revocation, undone=undone)
    kind = "revocation_undone" if undone else "revocation"
    sent = []
    if product.producer.email:
        sent.append(
            send_notice(kind, product.producer.email, subject, body, product, revocation,
                        recipient_role="producer")
        )  # fmt: skip
    for address in commune_officer_addresses(product.unit):
        sent.append(
            send_notice(kind, address, subject, body, product, revocation,
                        recipient_role="commune")
        )  # fmt: skip
    return sent


def message(revocation: Revocation, *, undone: bool) -> tuple[str, str]:
    """The words to the producer and the commune (enforcement/email/revocation*.txt)."""
    context = {
        "revocation": revocation,
        "decision": revocation.decision,
        "product": revocation.decision.product,
        "ground": Ground(revocation.ground).label,
        "undone": undone,
    }
    return render_mail(
        "enforcement/email/revocation_subject.txt", "enforcement/email/revocation.txt", context
    )
