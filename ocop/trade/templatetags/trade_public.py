"""The product page's "ask to buy" link and its trade fairs, drawn from this app so that the
catalog's page needs only `{% trade_section product day %}` (and no import of ours)."""

from django import template
from django.urls import reverse

from ocop.trade.fairs import fairs_of

register = template.Library()


@register.inclusion_tag("trade/product_section.html")
def trade_section(product, day):
    upcoming, recent = fairs_of(product.pk, day)
    return {
        "inquiry_url": reverse("inquiry", args=[product.pk]),
        "upcoming": upcoming,
        "recent": recent,
    }
