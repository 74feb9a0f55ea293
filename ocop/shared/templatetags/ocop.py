import math
from datetime import timedelta

from django import template

from ocop.domain.dates import format_date

register = template.Library()


@register.filter
def dmy(value) -> str:
    """dd/mm/yyyy, whatever the active locale."""
    return format_date(value)


@register.filter
def duration(value: timedelta) -> str:
    """A wait as people say it: "1 giờ", "45 phút", "1 giờ 30 phút" (rounded up to a minute)."""
    hours, minutes = divmod(max(1, math.ceil(value.total_seconds() / 60)), 60)
    parts = [f"{hours} giờ"] if hours else []
    if minutes:
        parts.append(f"{minutes} phút")
    return " ".join(parts)
