"""The parameters every list of the API shares: a date written YYYY-MM-DD, and pages."""

import re
from datetime import date
from typing import Annotated

from django.utils import timezone
from ninja import Query
from pydantic import WithJsonSchema

from ocop.opendata.api_errors import ApiError

PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
MAX_PAGE = 100_000
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A date as typed: checked by day_param, for a message that says what to write; the OpenAPI
# document says it is a date.
DayText = Annotated[str, WithJsonSchema({"type": "string", "format": "date"})]


# The parameters as types (a shared default Query() would be one object for every endpoint).
AsOf = Annotated[
    DayText | None,
    Query(description="ngày của dữ liệu (mặc định: hôm nay) / the day (default: today)"),
]
PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE, description="trang / page, from 1")]
PageSize = Annotated[
    int, Query(ge=1, le=MAX_PAGE_SIZE, description="kết quả mỗi trang / results per page")
]


def day_param(name: str, typed: str | None, default: date | None = None) -> date:
    """A date of the address, YYYY-MM-DD; today when absent and no other default is given."""
    if typed is None:
        return default or timezone.localdate()
    try:
        if not _ISO_DAY.fullmatch(typed):
            raise ValueError
        return date.fromisoformat(typed)
    except ValueError:
        raise ApiError(
            400,
            "bad_date",
            f"Ngày không hợp lệ ở tham số {name}: {typed[:40]!r}; hãy viết YYYY-MM-DD, "
            "ví dụ 2025-12-31.",
            f"Invalid date in parameter {name}: {typed[:40]!r}; write YYYY-MM-DD, e.g. 2025-12-31.",
        ) from None


def page_bounds(page: int, page_size: int, count: int) -> tuple[int, int, int]:
    """(first row, last row + 1, number of pages) of a page; a page past the end is empty."""
    pages = max(1, -(-count // page_size))
    start = (page - 1) * page_size
    return start, start + page_size, pages
