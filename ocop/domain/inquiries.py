"""A buyer's inquiry and the steps it goes through in the back office: received (new), passed
on to the producer (forwarded), the buyer answered (answered), closed. Closed is the end: a
buyer who writes again sends a new inquiry, so the counts of demand stay one per request."""

import re
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class InquiryState(StrEnum):
    NEW = "new"
    FORWARDED = "forwarded"
    ANSWERED = "answered"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    InquiryState.NEW: "Mới nhận",
    InquiryState.FORWARDED: "Đã chuyển chủ thể",
    InquiryState.ANSWERED: "Đã trả lời người mua",
    InquiryState.CLOSED: "Đã đóng",
}

# What an officer may move an inquiry to from each state. Moving back is not offered: a step
# recorded is a fact (who did what, when), and a mistake is told in the next step's note.
_NEXT = {
    InquiryState.NEW: (InquiryState.FORWARDED, InquiryState.ANSWERED, InquiryState.CLOSED),
    InquiryState.FORWARDED: (InquiryState.ANSWERED, InquiryState.CLOSED),
    InquiryState.ANSWERED: (InquiryState.CLOSED,),
    InquiryState.CLOSED: (),
}

# Still waiting for someone to act: counted as open demand.
OPEN = frozenset({InquiryState.NEW, InquiryState.FORWARDED})


def next_states(state: InquiryState | str) -> tuple[InquiryState, ...]:
    return _NEXT[InquiryState(state)]


def may_move(state: InquiryState | str, to: InquiryState | str) -> bool:
    return InquiryState(to) in next_states(state)


def reference(year: int, number: int) -> str:
    """The number a buyer is given to quote, e.g. NC-2025-00042 ("nhu cầu")."""
    return f"NC-{year}-{number:05d}"


def is_reference(text: str) -> bool:
    head, _, number = text.rpartition("-")
    return head[:3] == "NC-" and head[3:].isdigit() and len(head) == 7 and number.isdigit()


_THOUSANDS = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
_NUMBER = re.compile(r"[0-9]+([.,][0-9]+)?")
MAX_QUANTITY = Decimal("9999999999")


def parse_quantity(text: str) -> Decimal:
    """A quantity as a buyer types it: "500", "1,5" (the Vietnamese decimal comma), "1.5",
    "2.000" (Vietnamese thousands: two thousand), "1.200,5", "1,200.5". Positive, rounded to
    two decimals. Raises ValueError on anything else."""
    text = text.strip().replace(" ", "")
    if "," in text and "." in text:
        # Both: the later one is the decimal mark ("1.200,5" here, "1,200.5" in English).
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "").replace(",", ".")
    elif _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    if not _NUMBER.fullmatch(text):
        raise ValueError(text)
    amount = Decimal(text.replace(",", ".")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if not 0 < amount <= MAX_QUANTITY:
        raise ValueError(text)
    return amount


_PHONE = re.compile(r"\+?[0-9(][0-9 .\-()]{6,20}")


def is_phone(text: str) -> bool:
    """A phone number as people write it: 8 to 15 digits, with spaces, dots or dashes."""
    digits = sum(c.isdigit() for c in text)
    return bool(_PHONE.fullmatch(text.strip())) and 8 <= digits <= 15
