"""Moving an inquiry from one state to the next (ocop.domain.inquiries says which moves are
allowed): the inquiry and the step that records who and when, written together with normal
saves so that the audit log sees both."""

from django.db import transaction

from ocop.domain.inquiries import InquiryState, may_move
from ocop.trade.models import Inquiry, InquiryStep


class MoveRefused(Exception):
    pass


def move(
    inquiry: Inquiry, to: InquiryState | str, *, user=None, by_name="", note=""
) -> InquiryStep:
    """Put `inquiry` in state `to`, by `user` (an account) or by `by_name` (the system).
    Refused when the move is not allowed from the state the database holds now: two officers
    acting at once cannot both close, or answer a closed inquiry."""
    with transaction.atomic():
        current = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if not may_move(current.state, to):
            raise MoveRefused(
                f"Không thể chuyển từ “{current.state_label}” sang “{InquiryState(to).label}”."
            )
        current.state = InquiryState(to).value
        current.save(update_fields=["state"])
        step = InquiryStep.objects.create(
            inquiry=current,
            state=current.state,
            by=user,
            by_name=by_name or _name(user),
            note=note,
        )
    inquiry.state = current.state
    return step


def _name(user) -> str:
    if user is None:
        return "Hệ thống"
    return user.get_full_name() or user.get_username()
