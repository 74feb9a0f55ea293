"""Public pages kept once rendered, until the day or the registry changes (ocop.shared.freshness).

A product page or a search page shows only the registry as of today: the same address gives the
same page until a write to the registry or midnight. Rendering one costs far more than reading
the registry's version token, so each server process keeps the pages it rendered (the most
recently asked first, a bounded number) and answers again from them while the token and the
day are the same. The HTTP caching around them (ETag, 304: ocop.shared.caching) is unchanged."""

from functools import wraps

from django.http import HttpResponse
from django.utils import timezone

from ocop.shared.freshness import Kept

# A page is 10 to 40 kB: a few tens of MB per process at most.
PAGES_KEPT = 1000
_PAGES = Kept(size=PAGES_KEPT)


def address_key(request, *extra) -> tuple:
    """What a page's words depend on besides the registry and the day: its address (language
    and query included), and the host and scheme its absolute links are written with."""
    return (request.get_host(), request.is_secure(), request.get_full_path(), *extra)


def kept_page(view):
    """Keep the view's successful GET/HEAD answers (no cookie set) by address, day and
    registry version; anything else is computed each time."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)

        def render():
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.cookies or response.streaming:
                return response
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return (response.content, list(response.items()))

        key = address_key(request, view.__module__, view.__qualname__)
        kept = _PAGES.get(
            timezone.localdate(), key, render, keep=lambda value: isinstance(value, tuple)
        )
        if not isinstance(kept, tuple):
            return kept
        content, headers = kept
        return HttpResponse(content, headers=dict(headers))

    return wrapper


def forget() -> None:
    _PAGES.clear()
