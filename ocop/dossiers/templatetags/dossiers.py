from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def points(value) -> str:
    """72.50 -> "72,5"; the decimal comma of Vietnamese text."""
    if value is None or value == "":
        return "—"
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")
