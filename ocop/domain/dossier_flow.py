"""The path of an evaluation or re-evaluation dossier (issue 11, OCOP.md §5): registered →
documents received and checked by the commune → commune assessment → provincial scoring →
decision, or not passed. Which moves exist and which right each needs; the back office checks
the right against the dossier's commune (ocop.accounts.access)."""

from enum import StrEnum

from ocop.domain.roles import Action


class State(StrEnum):
    REGISTERED = "registered"
    CHECKED = "checked"
    ASSESSED = "assessed"
    SCORED = "scored"
    DECIDED = "decided"
    NOT_PASSED = "not_passed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.REGISTERED: "Đã đăng ký",
    State.CHECKED: "Xã đã nhận và kiểm tra hồ sơ",
    State.ASSESSED: "Xã đã đánh giá",
    State.SCORED: "Tỉnh đã chấm điểm",
    State.DECIDED: "Đã có quyết định công nhận",
    State.NOT_PASSED: "Không đạt",
}

# What the officer does to make each move: the button and the timeline's words.
STEP_LABELS = {
    State.REGISTERED: "Đăng ký hồ sơ",
    State.CHECKED: "Nhận và kiểm tra hồ sơ",
    State.ASSESSED: "Đánh giá cấp xã",
    State.SCORED: "Chấm điểm cấp tỉnh",
    State.DECIDED: "Ra quyết định công nhận",
    State.NOT_PASSED: "Kết luận không đạt",
}

# (from, to) -> the right it needs. Commune steps: EDIT_LOCAL on the product's commune
# (its commune officers, the department's officers); the province's steps: DECIDE.
TRANSITIONS: dict[tuple[State, State], Action] = {
    (State.REGISTERED, State.CHECKED): Action.EDIT_LOCAL,
    (State.CHECKED, State.ASSESSED): Action.EDIT_LOCAL,
    (State.ASSESSED, State.SCORED): Action.DECIDE,
    (State.SCORED, State.DECIDED): Action.DECIDE,
    (State.SCORED, State.NOT_PASSED): Action.DECIDE,
}

CLOSED = frozenset({State.DECIDED, State.NOT_PASSED})


class FlowError(ValueError):
    """A move the path does not allow; `str()` is the Vietnamese message."""


def next_states(state: State | str) -> list[State]:
    state = State(state)
    return [to for (frm, to) in TRANSITIONS if frm is state]


def required_action(frm: State | str, to: State | str) -> Action:
    """The right the move needs; FlowError when the path has no such move."""
    frm, to = State(frm), State(to)
    try:
        return TRANSITIONS[(frm, to)]
    except KeyError:
        if frm in CLOSED:
            raise FlowError(f"Hồ sơ đã kết thúc ({frm.label.lower()}).") from None
        allowed = ", ".join(STEP_LABELS[s].lower() for s in next_states(frm))
        raise FlowError(
            f"Hồ sơ đang ở bước “{frm.label}”: không thể chuyển sang “{to.label}”;"
            f" bước tiếp theo là {allowed}."
        ) from None


def check_move(frm: State | str, to: State | str, *, stars: int | None = None) -> Action:
    """The right a move needs, after the path's own conditions: a decision needs the stars
    the score earned (a product under 50 points, or capped out, can only be not passed)."""
    action = required_action(frm, to)
    if State(to) is State.DECIDED and stars is None:
        raise FlowError(
            "Điểm chấm chưa đạt hạng sao nào (dưới 50 điểm hoặc thiếu tiêu chí bắt buộc"
            " của hạng 3 sao): chỉ có thể kết luận không đạt."
        )
    return action
