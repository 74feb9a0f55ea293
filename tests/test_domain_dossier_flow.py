"""The dossier's path (ocop.domain.dossier_flow): every allowed move with the right it needs,
every other move refused."""

from itertools import product

import pytest

from ocop.domain.dossier_flow import (
    FlowError,
    State,
    check_move,
    next_states,
    required_action,
)
from ocop.domain.roles import Action

ALLOWED = {
    (State.REGISTERED, State.CHECKED): Action.EDIT_LOCAL,
    (State.CHECKED, State.ASSESSED): Action.EDIT_LOCAL,
    (State.ASSESSED, State.SCORED): Action.DECIDE,
    (State.SCORED, State.DECIDED): Action.DECIDE,
    (State.SCORED, State.NOT_PASSED): Action.DECIDE,
}
REFUSED = [move for move in product(State, State) if move not in ALLOWED]


@pytest.mark.parametrize("move, action", ALLOWED.items())
def test_allowed_moves(move, action):
    assert required_action(*move) is action
    assert check_move(*move, stars=4) is action


@pytest.mark.parametrize("move", REFUSED)
def test_refused_moves(move):
    with pytest.raises(FlowError):
        required_action(*move)


def test_every_pair_is_in_one_table():
    assert len(ALLOWED) + len(REFUSED) == len(State) ** 2


@pytest.mark.parametrize(
    "state, following",
    [
        (State.REGISTERED, [State.CHECKED]),
        (State.CHECKED, [State.ASSESSED]),
        (State.ASSESSED, [State.SCORED]),
        (State.SCORED, [State.DECIDED, State.NOT_PASSED]),
        (State.DECIDED, []),
        (State.NOT_PASSED, []),
    ],
)
def test_next_states(state, following):
    assert next_states(state) == following
    assert next_states(state.value) == following


def test_messages_name_the_steps():
    with pytest.raises(FlowError) as skipped:
        required_action(State.REGISTERED, State.SCORED)
    assert str(skipped.value) == (
        "Hồ sơ đang ở bước “Đã đăng ký”: không thể chuyển sang “Tỉnh đã chấm điểm”;"
        " bước tiếp theo là nhận và kiểm tra hồ sơ."
    )
    with pytest.raises(FlowError, match="Hồ sơ đã kết thúc"):
        required_action(State.DECIDED, State.SCORED)


def test_a_decision_needs_stars():
    with pytest.raises(FlowError, match="chỉ có thể kết luận không đạt"):
        check_move(State.SCORED, State.DECIDED, stars=None)
    assert check_move(State.SCORED, State.NOT_PASSED, stars=None) is Action.DECIDE


def test_unknown_state():
    with pytest.raises(ValueError):
        required_action("registered", "approved")
