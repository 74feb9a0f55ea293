"""The one error shape of the API: {"error": {"code", "message_vi", "message_en"}}, whatever
went wrong (a bad date, an unknown code, too many requests, a method other than GET)."""

import json

from django.http import HttpResponse


class ApiError(Exception):
    """Raised by an endpoint; answered as the error shape with `status`."""

    def __init__(self, status: int, code: str, message_vi: str, message_en: str):
        super().__init__(message_en)
        self.status, self.code = status, code
        self.message_vi, self.message_en = message_vi, message_en

    def body(self) -> dict:
        return error_body(self.code, self.message_vi, self.message_en)


def error_body(code: str, message_vi: str, message_en: str) -> dict:
    return {"error": {"code": code, "message_vi": message_vi, "message_en": message_en}}


def error_response(status: int, code: str, message_vi: str, message_en: str) -> HttpResponse:
    """For the answers given outside an endpoint (405, 429, an unknown address)."""
    body = json.dumps(error_body(code, message_vi, message_en), ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def not_found(what_vi: str, what_en: str) -> ApiError:
    return ApiError(404, "not_found", f"Không tìm thấy {what_vi}.", f"No such {what_en}.")


NO_SUCH_ADDRESS = (
    "not_found",
    "Không có địa chỉ này trong API. Xem danh sách tại /api/v1/docs.",
    "No such address in the API. See the list at /api/v1/docs.",
)
METHOD_NOT_ALLOWED = (
    "method_not_allowed",
    "API chỉ cho đọc: hãy dùng GET.",
    "The API is read-only: use GET.",
)
NUL_BYTE = (
    "bad_request",
    "Địa chỉ hoặc tham số có ký tự NUL (%00), không dùng được.",
    "The address or a parameter holds a NUL character (%00), which cannot be used.",
)
SERVER_ERROR = (
    "server_error",
    "Lỗi máy chủ; xin thử lại sau.",
    "Server error; please try again later.",
)
