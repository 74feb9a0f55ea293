"""The product page's "ask to buy" link and its trade fairs, drawn from this app so that the
catalog's page needs only `{% trade_section product lang day %}` (and no import of ours)."""

from django import template
from django.urls import reverse

from ocop.catalog.bilingual import url_name
from ocop.trade.fairs import fairs_of
from ocop.trade.texts import WORDS

register = template.Library()


@register.inclusion_tag("trade/product_section.html")
def trade_section(product, lang, day):
    upcoming, recent = fairs_of(product.pk, day)
    return {
        "r": WORDS[lang],
        "lang": lang,
        "inquiry_url": reverse(url_name("inquiry", lang), args=[product.pk]),
        "upcoming": upcoming,
        "recent": recent,
    }
