"""A NUL byte in an address, a query or a form is refused with a 400 that says so (issue 18):
PostgreSQL refuses it in any query, and the site answered 500. Run on both databases
(`.ci/run`); the API answers in its own JSON shape."""

import json

import pytest

from tests.factories import make_decision
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

PAGES = [
    "/xa-phuong/%00/",
    "/du-lieu/nhung/?xa=%00",
    "/san-pham/?q=ch%C3%A8%00",
    "/en/xa-phuong/%00/",
    "/xac-minh/?ma=%00",
]


@pytest.fixture(autouse=True)
def registry():
    make_decision()


@pytest.mark.parametrize("url", PAGES)
def test_a_page_asked_with_a_nul_byte_answers_400_in_words(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode() or "Bad request" in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    "url", ["/api/v1/producers?q=a%00b", "/api/v1/products?q=%00", "/api/v1/verify/%00"]
)
def test_the_api_refuses_a_nul_byte_in_its_own_shape(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    error = json.loads(response.content)["error"]
    assert error["code"] == "bad_request"
    assert "NUL" in error["message_vi"]


def test_a_form_posted_with_a_nul_byte_is_refused(client):
    response = client.post("/phan-anh/", {"place": "Chợ\x00", "description": "x"})
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_the_back_office_refuses_a_nul_byte_too(client):
    client.force_login(make_staff("officer"))
    assert client.get("/admin/registry/product/?q=%00").status_code == 400
    assert client.get("/lam-viec/nhat-ky/?q=%00").status_code == 400


def test_a_query_without_one_is_answered(client):
    assert client.get("/san-pham/?q=ch%C3%A8").status_code == 200
    assert client.get("/api/v1/producers?q=ab").status_code == 200
