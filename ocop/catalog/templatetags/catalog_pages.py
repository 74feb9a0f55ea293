from django import template

from ocop.catalog import product_sets_en
from ocop.catalog.search_texts import PRODUCER_TYPES_EN

register = template.Library()


@register.filter
def page_url(product, lang: str) -> str:
    """The product's public page in `lang`."""
    return product.get_public_url(lang)


@register.filter
def set_name(product_set, lang: str) -> str:
    """A product set's name in `lang` (ocop.catalog.product_sets_en); "" for no set."""
    return product_sets_en.set_name(product_set, lang) if product_set else ""


@register.filter
def group_name(group: str, lang: str) -> str:
    return product_sets_en.group_name(group, lang)


@register.filter
def producer_type(producer, lang: str) -> str:
    """ "Hợp tác xã" on the Vietnamese pages, "Cooperative" on the English ones."""
    return PRODUCER_TYPES_EN[producer.kind] if lang == "en" else producer.get_kind_display()


PLACE_KINDS_EN = {"xã": "commune", "phường": "ward", "thị trấn": "town", "tỉnh": "province",
                  "thành phố": "city"}  # fmt: skip


@register.filter
def place(unit, lang: str) -> str:
    """A commune, ward or province as a sentence names it: "Xã Nậm Tăm", "Tỉnh Lai Châu" on
    the Vietnamese pages, "Nậm Tăm commune", "Lai Châu province" on the English ones. Takes a
    Unit or Province, or a row of values with unit__kind and unit__name."""
    kind, name = (
        (unit["unit__kind"], unit["unit__name"])
        if isinstance(unit, dict)
        else (unit.kind, unit.name)
    )
    if lang == "en":
        return f"{name} {PLACE_KINDS_EN.get(kind.casefold(), kind)}"
    return f"{kind.capitalize()} {name}"
