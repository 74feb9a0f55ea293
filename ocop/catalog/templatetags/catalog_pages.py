from django import template
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ocop.catalog import printed_names, product_sets_en, verification
from ocop.catalog.pages import PRODUCER_TYPES

register = template.Library()

register.filter(printed_names.product_name)
register.filter(printed_names.producer_name)


@register.filter
def set_name(product_set) -> str:
    """A product set's name in the active language (ocop.catalog.product_sets_en); "" for no
    set."""
    return product_sets_en.set_name(product_set) if product_set else ""


@register.filter
def group_name(group: str) -> str:
    return product_sets_en.group_name(group)


@register.filter
def producer_type(producer) -> str:
    """ "Hợp tác xã" on the Vietnamese pages, "Cooperative" on the English ones."""
    return PRODUCER_TYPES[producer.kind]


@register.filter
def said(verdict) -> str:
    """The verdict's sentence in the active language (ocop.catalog.verification.said)."""
    return verification.said(verdict)


@register.filter
def ground(verdict) -> str:
    return verification.ground(verdict)


# How a sentence names a place: "Xã Nậm Tăm" / "Nậm Tăm commune" at the start, and inside an
# address "…, tỉnh Lai Châu" / "…, Lai Châu province". Keyed by the unit's kind as stored.
PLACES = {
    "xã": _("Xã %(name)s"),
    "phường": _("Phường %(name)s"),
    "thị trấn": _("Thị trấn %(name)s"),
    "tỉnh": _("Tỉnh %(name)s"),
    "thành phố": _("Thành phố %(name)s"),
}
PLACES_IN_ADDRESS = {
    "xã": pgettext_lazy("in an address", "xã %(name)s"),
    "phường": pgettext_lazy("in an address", "phường %(name)s"),
    "thị trấn": pgettext_lazy("in an address", "thị trấn %(name)s"),
    "tỉnh": pgettext_lazy("in an address", "tỉnh %(name)s"),
    "thành phố": pgettext_lazy("in an address", "thành phố %(name)s"),
}


@register.filter
def place(unit, form: str = "") -> str:
    """A commune, ward or province as a sentence names it, in the active language: "Xã Nậm
    Tăm", "Nậm Tăm commune"; with form "address", as the end of an address names it ("tỉnh Lai
    Châu", "Lai Châu province"). Takes a Unit or Province, or a row of values with unit__kind
    and unit__name. A kind not in the tables is written as stored."""
    kind, name = (
        (unit["unit__kind"], unit["unit__name"])
        if isinstance(unit, dict)
        else (unit.kind, unit.name)
    )
    table = PLACES_IN_ADDRESS if form == "address" else PLACES
    wording = table.get(kind.casefold())
    if wording is None:
        return f"{kind if form == 'address' else kind.capitalize()} {name}"
    return wording % {"name": name}
