"""Tags for the head of the public pages: canonical address and Open Graph."""

from django import template

from ocop.shared.public_url import public_url

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's own address on the public site, without its query: ?ngay=, ?page= and the
    like show the same page."""
    request = context.get("request")
    return public_url(request, request.path) if request is not None else ""


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """`path` (a /static/ or /media/ address) made absolute, as og:image needs."""
    request = context.get("request")
    if request is None or not path or "://" in path:
        return path
    return public_url(request, path)
