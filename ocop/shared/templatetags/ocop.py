import math
from datetime import datetime, timedelta

from django import template
from django.utils import timezone

from ocop.domain.dates import format_date, format_moment

register = template.Library()


@register.filter
def dmy(value) -> str:
    """dd/mm/yyyy (ocop.domain.dates.format_date), whatever the active locale; a moment's
    day in the site's time zone."""
    return format_date(_local(value))


@register.filter
def moment(value) -> str:
    """dd/mm/yyyy hh:mm in the site's time zone (ocop.domain.dates.format_moment)."""
    return format_moment(_local(value)) if value else ""


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def duration(value: timedelta) -> str:
    """A wait as people say it: "1 giờ", "45 phút", "1 giờ 30 phút" (rounded up to a minute)."""
    hours, minutes = divmod(max(1, math.ceil(value.total_seconds() / 60)), 60)
    parts = [f"{hours} giờ"] if hours else []
    if minutes:
        parts.append(f"{minutes} phút")
    return " ".join(parts)
