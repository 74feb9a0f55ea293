"""The public read-only API, /api/v1/ (docs/api.md): django-ninja, for its OpenAPI document
written from the endpoints' type hints and its small footprint. The endpoints are in
api_registry.py and api_places.py; every answer's headers in api_http.py."""

import logging

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from ocop.opendata import api_places, api_registry
from ocop.opendata.api_errors import SERVER_ERROR, ApiError, error_body
from ocop.opendata.api_json import Renderer

logger = logging.getLogger(__name__)


api = NinjaAPI(
    title="API dữ liệu mở OCOP / OCOP open data API",
    version="1.0.0",
    description=(
        "Sổ đăng ký sản phẩm OCOP, chỉ đọc, công khai: số liệu, sản phẩm, chủ thể, xã/phường "
        "tại bất kỳ ngày nào, xác minh mã công khai và các thay đổi giữa hai ngày. Ngày viết "
        "YYYY-MM-DD. / The OCOP product registry, read-only and public: figures, products, "
        "producers and communes on any date, verification of a printed code and the changes "
        "between two dates. Dates are YYYY-MM-DD."
    ),
    urls_namespace="api",
    renderer=Renderer(),
    docs_url=None,
    openapi_url="/openapi.json",
)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return api.create_response(request, exc.body(), status=exc.status)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    names = ", ".join(sorted({str(e["loc"][-1]) for e in exc.errors if e.get("loc")}))
    body = error_body(
        "bad_request",
        f"Tham số không hợp lệ: {names}. Xem /api/v1/docs.",
        f"Invalid parameter: {names}. See /api/v1/docs.",
    )
    return api.create_response(request, body, status=400)


@api.exception_handler(Http404)
def _not_found(request, exc):
    body = error_body("not_found", "Không tìm thấy.", "Not found.")
    return api.create_response(request, body, status=404)


@api.exception_handler(Exception)
def _server_error(request, exc):
    logger.exception("API error on %s", request.get_full_path())
    return api.create_response(request, error_body(*SERVER_ERROR), status=500)


api.add_router("", api_registry.router)
api.add_router("", api_places.router)
