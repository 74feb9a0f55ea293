"""/api/v1/ itself: what the API offers, as JSON, for a person or a program that starts at the
address the open-data page gives. The endpoints are read from the API's own OpenAPI document,
so the list cannot drift from what is served."""

from functools import cache

from django.http import JsonResponse
from django.urls import reverse

from ocop.opendata.api import api
from ocop.shared.public_url import public_url


@cache
def _endpoints() -> tuple[tuple[str, str], ...]:
    paths = api.get_openapi_schema(path_prefix="")["paths"]
    return tuple((path, operation["get"].get("summary", "")) for path, operation in paths.items())


def index(request):
    root = reverse("api:index")
    body = {
        "name": api.title,
        "version": api.version,
        "docs": public_url(request, reverse("api:docs")),
        "openapi": public_url(request, f"{root}openapi.json"),
        "open_data": public_url(request, reverse("data_index")),
        "endpoints": [
            {"path": f"{root}{path.lstrip('/')}", "summary": summary}
            for path, summary in _endpoints()
        ],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 2})
