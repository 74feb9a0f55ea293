"""What every answer of the API carries, whichever endpoint gives it: CORS open for reading,
the rate limit per client, Cache-Control, an ETag (304 on a matching If-None-Match) and a
Last-Modified, errors in the one JSON shape. Applied to each URL of urls_api.py, so the
endpoints stay plain functions."""

import time
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date

from ocop.opendata.api_errors import METHOD_NOT_ALLOWED, NUL_BYTE, error_response
from ocop.opendata.throttle import count_request
from ocop.shared.caching import DEFAULT_MAX_AGE
from ocop.shared.kept_pages import kept_response

# An error about what was asked (a bad date, an unknown code) stays true as long as a page.
ERROR_MAX_AGE = 60
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, "
    "X-RateLimit-Limit, X-RateLimit-Remaining",
}
PREFLIGHT_MAX_AGE = 24 * 3600
# How long the first time an answer was seen is remembered (its Last-Modified).
SEEN_FOR = 30 * 24 * 3600


def api_view(view, keep: bool = False):
    """`keep`: a 200 answer is kept by address for this registry version and day."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _with_cors(_preflight(request))
        allowance = count_request(request)
        if allowance.refused:
            response = error_response(
                429,
                "rate_limited",
                f"Quá {allowance.limit} yêu cầu mỗi phút từ một địa chỉ; "
                f"xin thử lại sau {allowance.retry_after} giây.",
                f"More than {allowance.limit} requests a minute from one address; "
                f"retry in {allowance.retry_after} seconds.",
            )
            response["Retry-After"] = str(allowance.retry_after)
            response = _cached(request, response)
        else:
            response = _answer(view, keep, request, *args, **kwargs)
        if allowance.limit:
            response["X-RateLimit-Limit"] = str(allowance.limit)
            response["X-RateLimit-Remaining"] = str(allowance.remaining)
        return _with_cors(response)

    wrapper.csrf_exempt = True
    # A NUL byte is refused before the view (ocop.shared.middleware), in the API's shape.
    wrapper.refuse_bad_request = lambda request: _with_cors(error_response(400, *NUL_BYTE))
    return wrapper


def _answer(view, keep: bool, request, *args, **kwargs):
    head = request.method == "HEAD"
    if head:
        request.method = "GET"
    try:
        if keep:
            response = kept_response("api", request, view, *args, **kwargs)
        else:
            response = view(request, *args, **kwargs)
    finally:
        if head:
            request.method = "HEAD"
    if response.status_code == 405:
        response = error_response(405, *METHOD_NOT_ALLOWED)
        response["Allow"] = ALLOWED_METHODS
    response = _cached(request, response)
    if head:
        response.content = b""
    return response


def _cached(request, response):
    """Cache-Control by the kind of answer; an ETag and a Last-Modified on every answer."""
    status = response.status_code
    set_response_etag(response)
    response["Last-Modified"] = http_date(_first_seen(response["ETag"]))
    if status == 429 or status >= 500:
        patch_cache_control(response, no_store=True)
        return response
    max_age = DEFAULT_MAX_AGE if status < 400 else ERROR_MAX_AGE
    patch_cache_control(response, public=True, max_age=max_age)
    if status != 200:
        return response
    # Only the ETag decides a 304: a decision corrected or revoked in the back office leaves
    # no date behind, so If-Modified-Since could answer "unchanged" wrongly.
    return get_conditional_response(request, etag=response["ETag"], response=response)


def _first_seen(etag: str) -> float:
    """When this exact answer was first given: the data behind it has not changed since."""
    key = f"ocop-api-seen:{etag}"
    now = time.time()
    cache.add(key, now, timeout=SEEN_FOR)
    return cache.get(key, now)


def _preflight(request):
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    asked = request.headers.get("Access-Control-Request-Headers")
    if asked:
        response["Access-Control-Allow-Headers"] = asked
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    response["Allow"] = ALLOWED_METHODS
    return response


def _with_cors(response):
    for header, value in CORS.items():
        response[header] = value
    return response
