"""/api/v1/: the endpoints of ocop.opendata.api, its docs page, and a JSON 404 for any other
address under it; every answer goes through api_http.api_view (CORS, rate limit, caching)."""

from django.urls import path, re_path

from ocop.opendata import api_docs, api_index
from ocop.opendata.api import api
from ocop.opendata.api_errors import NO_SUCH_ADDRESS, error_response
from ocop.opendata.api_http import api_view


def no_such_address(request, rest=""):
    return error_response(404, *NO_SUCH_ADDRESS)


# Answers of the registry's data are kept per registry version (api_http); these are not.
NOT_KEPT = {"openapi-json", "api-root", "docs", "index", None}


def _wrapped(patterns: list) -> list:
    for pattern in patterns:
        pattern.callback = api_view(pattern.callback, keep=pattern.name not in NOT_KEPT)
    return patterns


ninja_patterns, _, _ = api.urls
app_name = "api"
urlpatterns = _wrapped(
    [
        path("", api_index.index, name="index"),
        *ninja_patterns,
        path("docs", api_docs.docs_page, name="docs"),
        re_path(r"^(?P<rest>.*)$", no_such_address),
    ]
)
