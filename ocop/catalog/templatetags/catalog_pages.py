from django import template

register = template.Library()


@register.filter
def page_url(product, lang: str) -> str:
    """The product's public page in `lang`."""
    return product.get_public_url(lang)
