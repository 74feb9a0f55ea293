"""HTTP caching of the public pages: `@public_page(max_age=...)` on a view.

Every public page is the same for every visitor (no login, no cookie), so browsers and proxies
may keep it, for `max_age` seconds, then ask again with the page's ETag and get a bodyless 304
when nothing changed. The ETag is a hash of the page itself, so it changes with the data and
with the words, and no view has to know what its page depends on."""

from functools import wraps

from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

# A registry changes a few times a month; five minutes keeps a revocation visible soon enough
# while sparing the server a visitor's back-and-forth between pages.
DEFAULT_MAX_AGE = 300


def public_page(view=None, *, max_age: int = DEFAULT_MAX_AGE):
    """Cache-Control: public, max-age; an ETag; 304 on a matching If-None-Match. Only
    successful GET/HEAD answers without cookies are marked: an error, a form's answer or a
    page that sets a cookie (a CSRF token) is never kept for others."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if request.method not in ("GET", "HEAD") or response.status_code != 200:
                return response
            if getattr(response, "streaming", False) or response.cookies:
                return response
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if not response.has_header("ETag"):
                set_response_etag(response)
            patch_cache_control(response, public=True, max_age=max_age)
            return get_conditional_response(request, etag=response["ETag"], response=response)

        return wrapper

    return decorate(view) if view is not None else decorate
