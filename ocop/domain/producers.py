"""Producer types, read from the way a producer's name begins."""

import enum
import re
from functools import lru_cache

from ocop.domain.names import expand_producer_type, text_key


class ProducerType(enum.StrEnum):
    COOPERATIVE = "cooperative"
    COMPANY = "company"
    HOUSEHOLD = "household"
    COOPERATIVE_GROUP = "cooperative_group"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ProducerType.COOPERATIVE: "Hợp tác xã",
    ProducerType.COMPANY: "Công ty",
    ProducerType.HOUSEHOLD: "Hộ kinh doanh",
    ProducerType.COOPERATIVE_GROUP: "Tổ hợp tác",
    ProducerType.OTHER: "Khác",
}

# Matched against name keys (lower case, diacritics kept) as whole words at the start.
_TYPE_PREFIXES = (
    ("hợp tác xã", ProducerType.COOPERATIVE),
    ("tổ hợp tác", ProducerType.COOPERATIVE_GROUP),
    ("công ty", ProducerType.COMPANY),
    ("doanh nghiệp", ProducerType.COMPANY),
    # Lists also write "Hộ ông Lò Văn A"; "Hồ", a surname, is a different key.
    ("hộ", ProducerType.HOUSEHOLD),
)
_TYPE_PATTERNS = tuple((re.compile(rf"{p}(?![^\W_])"), kind) for p, kind in _TYPE_PREFIXES)


@lru_cache(maxsize=65536)
def producer_type_of(name: str) -> ProducerType:
    key = text_key(expand_producer_type(name))
    for prefix, producer_type in _TYPE_PATTERNS:
        if prefix.match(key):
            return producer_type
    return ProducerType.OTHER
