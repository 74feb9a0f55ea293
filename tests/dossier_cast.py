"""Dossiers at a given step for the dossier tests, made through the workflow itself
(ocop.dossiers.flow) so each has its step rows."""

from datetime import date
from decimal import Decimal

from ocop.accounts.access import staff_of
from ocop.domain.dossier_flow import State
from ocop.dossiers import flow
from ocop.dossiers.models import Kind
from tests.factories import make_product
from tests.staff import make_staff

ORDER = [State.CHECKED, State.ASSESSED, State.SCORED, State.DECIDED]


def department():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="dossier-officer").first()
    return user or make_staff("officer", username="dossier-officer")


def dossier_at(state: State, product=None, *, scores=("30", "20", "25"), missing=(), **kw):
    """A first-evaluation dossier of `product` (Chè Shan tuyết Nậm Sỏ by default) moved by a
    department officer up to `state`."""
    user = department()
    staff = staff_of(user)
    product = product or make_product()
    dossier = flow.register(
        user=user,
        staff=staff,
        kind=kw.get("kind", Kind.FIRST),
        product=product,
        renews=kw.get("renews"),
        registered_on=kw.get("registered_on", date(2025, 9, 1)),
    )
    for step in ORDER:
        if state is State.REGISTERED:
            break
        target = step
        if step is State.DECIDED and state is State.NOT_PASSED:
            target = State.NOT_PASSED
        flow.take_step(
            dossier.pk,
            target,
            user=user,
            staff=staff,
            note="Ghi chú",
            scores=flow.Scores(*map(Decimal, scores), tuple(missing)),
            decision=flow.DecisionFacts("12/QĐ-UBND", date(2025, 10, 20)),
        )
        if target is state:
            break
    dossier.refresh_from_db()
    return dossier
