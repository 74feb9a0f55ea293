"""With DEBUG off, errors answer with Vietnamese pages in the site's own layout."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory, override_settings
from django.views import defaults

LAYOUT = "Sản phẩm OCOP Lai Châu"


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_a_missing_page_answers_in_vietnamese(visitor):
    response = visitor.get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and LAYOUT in html
    assert "Not Found" not in html


@override_settings(DEBUG=False, ALLOWED_HOSTS=["localhost"])
@pytest.mark.django_db
def test_a_bad_request_answers_in_vietnamese(client):
    response = client.get("/", HTTP_HOST="la.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_a_refused_form_answers_in_vietnamese():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Không được phép" in html and LAYOUT in html
    assert "Forbidden" not in html


@override_settings(DEBUG=False)
def test_a_forbidden_page_answers_in_vietnamese():
    request = RequestFactory().get("/bao-cao/")
    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Không được phép" in response.content.decode()


@override_settings(DEBUG=False)
def test_the_server_error_page_needs_neither_database_nor_request():
    # Not marked django_db: any query here would fail the test.
    response = defaults.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Đã có lỗi" in html and LAYOUT in html
    assert "Server Error" not in html
