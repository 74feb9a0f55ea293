"""Public pages kept once rendered, until the day or the registry changes (ocop.shared.freshness).

A product page or a search page shows only the registry as of today: the same address gives the
same page until a write to the registry or midnight. Rendering one costs far more than reading
the registry's version, so the first server process that renders a page keeps it in the shared
cache (ocop.shared.kept_values) and every process answers from it while the version and the day
are the same. A page that shows one product (its page) is kept for that product's version, and
a search page for the versions of the products it lists with what it counts: both outlive the
writes of products they do not show. The HTTP caching around them (ETag, 304:
ocop.shared.caching) is unchanged."""

from functools import wraps

from django.http import HttpResponse
from django.utils import timezone

from ocop.shared.kept_values import kept


def address_key(request, *extra) -> tuple:
    """What a page's words depend on besides the registry and the day: its address (language
    and query included), and the host and scheme its absolute links are written with."""
    return (request.get_host(), request.is_secure(), request.get_full_path(), *extra)


def kept_response(kind: str, request, view, *args, product=None, shown=None, shows=(), **kwargs):
    """The view's answer to this GET or HEAD: a 200 without cookies is kept by address for
    this registry version (or, with `product`, this product's version) and day, under `kind`
    ("page", "api"); anything else is computed each time. With `shown` (product ids, the
    registry's version) and `shows` (the rest the page shows, e.g. its counts): kept by
    address, `shows` and those products' versions instead (ocop.shared.kept_values.kept)."""

    def render():
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.cookies or response.streaming:
            return response
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        return (response.content, list(response.items()))

    key = address_key(request, view.__module__, view.__qualname__, *shows)
    found = kept(
        kind,
        timezone.localdate(),
        key,
        render,
        keep=lambda v: isinstance(v, tuple),
        product=product,
        shown=shown,
    )
    if not isinstance(found, tuple):
        return found
    content, headers = found
    return HttpResponse(content, headers=dict(headers))


def kept_page(view=None, *, product: str | None = None):
    """Keep the view's successful GET/HEAD answers (no cookie set) by address, day and
    registry version; anything else is computed each time. `product`: the name of the view's
    argument that is the id of the one product its page shows, whose version is then used
    (the page outlives other products' writes)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            shown = kwargs[product] if product else None
            return kept_response("page", request, view, *args, product=shown, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
