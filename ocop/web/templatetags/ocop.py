from django import template

from ocop.domain.dates import format_date

register = template.Library()


@register.filter
def dmy(value) -> str:
    """dd/mm/yyyy, whatever the active locale."""
    return format_date(value)
