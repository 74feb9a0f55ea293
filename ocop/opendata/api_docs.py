"""/api/v1/docs: the API's reference, read from its own OpenAPI document and rendered on the
server, so it works offline, needs no script from elsewhere and keeps the site's
Content-Security-Policy (an interactive explorer such as Swagger UI needs inline styles and
data: images, and fails the accessibility checks the other public pages pass)."""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ocop.opendata.api import api
from ocop.shared.public_url import public_url

EXAMPLES = {
    "/summary": "?as_of=2025-12-31",
    "/products": "?as_of=2025-12-31&status=valid&page_size=100",
    "/changes": "?from=2025-01-01&to=2025-12-31",
}


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Operation:
    path: str
    anchor: str
    summary: str
    parameters: list
    responses: list
    example: str


def operations(schema: dict, root: str) -> list[Operation]:
    found = []
    for path, methods in schema["paths"].items():
        spec = methods["get"]
        short = path.removeprefix(root.rstrip("/"))
        found.append(
            Operation(
                path=path,
                anchor=spec["operationId"],
                # The docstrings' `code` marks are for the OpenAPI readers that render Markdown.
                summary=(spec.get("description") or spec.get("summary") or "").replace("`", ""),
                parameters=[_parameter(p) for p in spec.get("parameters", [])],
                responses=sorted(spec["responses"]),
                example=path + EXAMPLES.get(short, ""),
            )
        )
    return found


def _parameter(spec: dict) -> Parameter:
    schema = spec.get("schema", {})
    return Parameter(
        name=spec["name"],
        where=spec["in"],
        required=spec.get("required", False),
        kind=_kind(schema),
        description=spec.get("description") or schema.get("description", ""),
    )


def _kind(schema: dict) -> str:
    """The type of a parameter in a few words: 'string (date)', 'integer 3-5', one of the
    values of an enumeration."""
    options = schema.get("anyOf", [schema])
    kinds = []
    for option in options:
        if option.get("type") == "null":
            continue
        if "enum" in option:
            kinds.append(" | ".join(map(str, option["enum"])))
            continue
        kind = option.get("type", "string")
        if "format" in option or "format" in schema:
            kind += f" ({option.get('format') or schema.get('format')})"
        if "minimum" in option and "maximum" in option:
            kind += f" {option['minimum']}–{option['maximum']}"
        kinds.append(kind)
    return ", ".join(kinds) or "string"


@require_safe
def docs_page(request):
    schema = api.get_openapi_schema()
    root = reverse("api:api-root")
    context = {
        "title": schema["info"]["title"],
        "description": schema["info"]["description"],
        "version": schema["info"]["version"],
        "operations": operations(schema, root),
        "openapi_url": reverse("api:openapi-json"),
        "site": public_url(request, "/").rstrip("/"),
    }
    return render(request, "opendata/api_docs.html", context)
