"""The public API /api/v1/: every endpoint, its headers (ETag and 304, Cache-Control, CORS,
the rate limit's 429) and the one error shape."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from tests.factories import make_decision, make_producer, make_product

pytestmark = pytest.mark.django_db

DAY = "2025-12-31"


@pytest.fixture(autouse=True)
def fresh_counts():
    """Each test starts with no request counted against its client."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def registry():
    """Three products of two producers in two communes: one valid (4 stars) on DAY, one
    expired, one revoked."""
    tea = make_producer("Hợp tác xã Chè Nậm Sỏ", "Nậm Sỏ")
    honey = make_producer("Hộ kinh doanh Lò Văn Thanh", "Bum Tở")
    shan = make_product("Chè Shan tuyết Nậm Sỏ", tea)
    black = make_product("Hồng trà Nậm Sỏ", tea)
    wild = make_product("Mật ong rừng Bum Tở", honey)
    return {
        "valid": make_decision(shan, date(2024, 3, 1), stars=4),
        "expired": make_decision(black, date(2021, 6, 1)),
        "revoked": make_decision(wild, date(2024, 1, 5), revoked_on=date(2025, 6, 1)),
        "tea": tea,
        "honey": honey,
    }


def get(client, path, **headers):
    return client.get(f"/api/v1/{path}", headers=headers)


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message_vi", "message_en"}
    return body["error"]


def test_the_summary_is_exactly_the_commands_json(client, registry):
    out = StringIO()
    call_command("summary", "--as-of", DAY, "--json", stdout=out)
    assert get(client, f"summary?as_of={DAY}").json() == json.loads(out.getvalue())


def test_the_summary_with_breakdowns_is_the_commands_too(client, registry):
    out = StringIO()
    call_command(
        "summary", "--as-of", DAY, "--json", "--breakdowns", "--province", "12", stdout=out
    )
    answer = get(client, f"summary?as_of={DAY}&breakdowns=true&province=12").json()
    assert answer == json.loads(out.getvalue())
    assert answer["by_commune"] == {"Nậm Sỏ": 1}


def test_an_unknown_province_is_a_404(client):
    assert error_of(get(client, "summary?province=99"))["code"] == "not_found"


@pytest.mark.parametrize("bad", ["2025-13-01", "31/12/2025", "2025-2-1", "hôm qua", "1700000000"])
def test_a_bad_date_is_a_400_in_both_languages(client, bad):
    response = get(client, f"products?as_of={bad}")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "bad_date"
    assert "YYYY-MM-DD" in error["message_vi"] and "Ngày không hợp lệ" in error["message_vi"]
    assert "Invalid date" in error["message_en"]


def test_products_are_those_valid_on_the_day_by_default(client, registry):
    body = get(client, f"products?as_of={DAY}").json()
    assert body["count"] == 1 and body["as_of"] == DAY
    [row] = body["results"]
    assert row["product_name"] == "Chè Shan tuyết Nậm Sỏ"
    assert (row["status"], row["stars"], row["last_valid_day"]) == ("valid", 4, "2027-03-01")
    assert row["public_code"] == registry["valid"].public_code
    assert row["producer_name"] == "Hợp tác xã Chè Nậm Sỏ"
    assert row["commune_name"] == "Xã Nậm Sỏ"
    assert row["product_url"].startswith("http://testserver/san-pham/")
    assert row["verify_url"] == f"http://testserver/xac-minh/{row['public_code']}/"


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("status=all", ["Chè Shan tuyết Nậm Sỏ", "Hồng trà Nậm Sỏ", "Mật ong rừng Bum Tở"]),
        ("status=expired", ["Hồng trà Nậm Sỏ"]),
        ("status=revoked", ["Mật ong rừng Bum Tở"]),
        ("status=all&q=mat ong", ["Mật ong rừng Bum Tở"]),
        ("status=all&q=nam so", ["Chè Shan tuyết Nậm Sỏ", "Hồng trà Nậm Sỏ"]),
        ("status=all&q=zzzz", []),
        ("status=all&stars=4", ["Chè Shan tuyết Nậm Sỏ"]),
        ("status=all&stars=5", []),
    ],
)
def test_products_filter_by_status_search_and_stars(client, registry, query, names):
    body = get(client, f"products?as_of={DAY}&{query}").json()
    assert [row["product_name"] for row in body["results"]] == names
    assert body["count"] == len(names)


def test_products_filter_by_commune_and_group(client, registry):
    code = registry["honey"].unit.code
    body = get(client, f"products?as_of={DAY}&status=all&commune={code}").json()
    assert [row["product_name"] for row in body["results"]] == ["Mật ong rừng Bum Tở"]
    product = registry["valid"].product
    product.product_set_id = 1  # I.1.a
    product.save()
    for group, count in [("I.1.a", 1), ("I.1", 1), ("I", 1), ("I.2", 0), ("II", 0)]:
        assert get(client, f"products?as_of={DAY}&group={group}").json()["count"] == count


def test_products_are_paginated_with_a_count(client, registry):
    first = get(client, f"products?as_of={DAY}&status=all&page_size=2").json()
    second = get(client, f"products?as_of={DAY}&status=all&page_size=2&page=2").json()
    past = get(client, f"products?as_of={DAY}&status=all&page_size=2&page=9").json()
    assert (first["count"], first["pages"], len(first["results"])) == (3, 2, 2)
    assert [r["product_name"] for r in second["results"]] == ["Mật ong rừng Bum Tở"]
    assert past["results"] == [] and past["count"] == 3


@pytest.mark.parametrize("query", ["status=good", "stars=7", "page=0", "page_size=5000", "group=x"])
def test_a_bad_parameter_is_a_400(client, query):
    response = get(client, f"products?{query}")
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


def test_a_product_by_any_of_its_codes_with_its_decisions(client, registry):
    product = registry["valid"].product
    old = make_decision(product, date(2020, 5, 1), stars=3)
    for code in [registry["valid"].public_code, old.public_code.lower().replace("-", "")]:
        body = get(client, f"products/{code}?as_of={DAY}").json()
        assert (
            body["product_id"] == product.pk
            and body["public_code"] == registry["valid"].public_code
        )
        assert [d["public_code"] for d in body["decisions"]] == [
            old.public_code,
            registry["valid"].public_code,
        ]
    before = get(client, f"products/{old.public_code}?as_of=2021-01-01").json()
    assert (before["status"], before["stars"], len(before["decisions"])) == ("valid", 3, 1)


def test_a_product_not_yet_recognised_or_unknown_is_a_404(client, registry):
    code = registry["valid"].public_code
    assert error_of(get(client, f"products/{code}?as_of=2020-01-01"))["code"] == "not_recognised"
    assert error_of(get(client, "products/ZZZZ-ZZZZ"))["code"] == "not_found"
    assert get(client, "products/tên sản phẩm").status_code == 404


def test_verify_says_todays_verdict_as_the_verification_page(client):
    today = timezone.localdate()
    decision = make_decision(decided_on=today - timedelta(days=30), stars=5)
    body = get(client, f"verify/{decision.public_code}").json()
    assert body["status"] == "valid" and body["stars"] == 5
    assert body["verdict_vi"].startswith("Còn hiệu lực đến hết ngày ")
    assert body["verdict_en"].startswith("Valid until ")
    page = client.get(f"/xac-minh/{decision.public_code}/").content.decode()
    assert body["verdict_vi"] in page


def test_verify_gives_the_ground_of_a_revocation(client):
    today = timezone.localdate()
    decision = make_decision(
        decided_on=today - timedelta(days=300),
        revoked_on=today - timedelta(days=3),
        revocation_reason="Không duy trì chất lượng",
    )
    body = get(client, f"verify/{decision.public_code}").json()
    assert body["status"] == "revoked" and body["stars"] is None
    assert body["ground_vi"] == "Lý do: Không duy trì chất lượng"


def test_verify_of_an_unknown_code_is_a_404_with_the_pages_words(client):
    error = error_of(get(client, "verify/ZZZZ-ZZZZ"))
    assert error["message_vi"].startswith("Không tìm thấy") and error["message_en"].startswith(
        "Not found"
    )


def test_producers_on_a_day_with_their_counts(client, registry):
    body = get(client, f"producers?as_of={DAY}").json()
    counts = {row["name"]: (row["products"], row["valid_products"]) for row in body["results"]}
    assert counts == {"Hợp tác xã Chè Nậm Sỏ": (2, 1), "Hộ kinh doanh Lò Văn Thanh": (1, 0)}
    found = get(client, f"producers?as_of={DAY}&q=lo van").json()["results"]
    assert [row["name"] for row in found] == ["Hộ kinh doanh Lò Văn Thanh"]
    detail = get(client, f"producers/{registry['tea'].pk}?as_of={DAY}").json()
    assert (detail["products"], detail["valid_products"], detail["type"]) == (2, 1, "cooperative")
    assert sorted(p["status"] for p in detail["product_list"]) == ["expired", "valid"]
    assert detail["url"] == f"http://testserver/chu-the/{registry['tea'].pk}/"


def test_an_unknown_producer_is_a_404(client):
    assert error_of(get(client, "producers/999999"))["code"] == "not_found"


def test_communes_on_a_day_with_their_counts(client, registry):
    body = get(client, f"communes?as_of={DAY}").json()
    counts = {row["name"]: (row["products"], row["valid_products"]) for row in body["results"]}
    assert counts == {"Xã Bum Tở": (1, 0), "Xã Nậm Sỏ": (2, 1)}
    code = registry["tea"].unit.code
    detail = get(client, f"communes/{code}?as_of={DAY}").json()
    assert detail["code"] == code and len(detail["product_list"]) == 2
    assert get(client, "communes/99999999").status_code == 404


def test_changes_between_two_dates(client, registry):
    body = get(client, "changes?from=2024-01-01&to=2025-12-31").json()
    assert (body["from"], body["to"]) == ("2024-01-01", "2025-12-31")
    kinds = [(row["date"], row["kind"], row["product_name"]) for row in body["results"]]
    assert kinds == [
        ("2024-01-05", "recognised", "Mật ong rừng Bum Tở"),
        ("2024-03-01", "recognised", "Chè Shan tuyết Nậm Sỏ"),
        ("2024-06-02", "expired", "Hồng trà Nậm Sỏ"),
        ("2025-06-01", "revoked", "Mật ong rừng Bum Tở"),
    ]
    only = get(client, "changes?from=2024-01-01&to=2025-12-31&kind=revoked").json()
    assert only["count"] == 1


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("from=2025-12-31&to=2025-01-01", "bad_range"),
        ("from=2000-01-01&to=2025-01-01", "bad_range"),
        ("from=2025-02-30", "bad_date"),
        ("", "bad_request"),
    ],
)
def test_a_bad_range_of_changes_is_a_400(client, query, code):
    response = get(client, f"changes?{query}")
    assert response.status_code == 400 and error_of(response)["code"] == code


def test_every_answer_can_be_cached_and_revalidated(client, registry):
    response = get(client, f"summary?as_of={DAY}")
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"] and response["Last-Modified"]
    again = get(client, f"summary?as_of={DAY}", if_none_match=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == response["ETag"]
    make_decision(make_product("Gạo Séng Cù"), date(2025, 1, 1))
    changed = get(client, f"summary?as_of={DAY}", if_none_match=response["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != response["ETag"]


def test_errors_carry_the_headers_too(client):
    response = get(client, "products?as_of=nope")
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"] and response["Last-Modified"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_is_open_for_reading_and_answers_the_preflight(client):
    response = get(client, "summary", origin="https://bao.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/products",
        headers={
            "Origin": "https://bao.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight["Access-Control-Allow-Headers"] == "if-none-match"


def test_head_answers_the_headers_without_a_body(client, registry):
    response = client.head(f"/api/v1/summary?as_of={DAY}")
    assert response.status_code == 200 and response.content == b""
    assert response["ETag"] == get(client, f"summary?as_of={DAY}")["ETag"]


def test_writing_is_a_405_in_the_error_shape(client):
    response = client.post("/api/v1/products", {"name": "x"})
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_an_unknown_address_is_a_json_404(client):
    response = get(client, "san-pham")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_too_many_requests_get_a_429_with_retry_after(client, settings):
    settings.OCOP_API_PER_MINUTE = 3
    answers = [get(client, "communes") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Cache-Control"] == "no-store"
    assert refused["Access-Control-Allow-Origin"] == "*"
    error = error_of(refused)
    assert error["code"] == "rate_limited" and "3 yêu cầu mỗi phút" in error["message_vi"]
    other = client.get("/api/v1/communes", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_rate_limit_counts_the_address_behind_the_proxy(client, settings):
    settings.OCOP_API_PER_MINUTE = 1
    settings.REVERSE_PROXY_COUNT = 1
    first = client.get("/api/v1/communes", HTTP_X_FORWARDED_FOR="203.0.113.5")
    second = client.get("/api/v1/communes", HTTP_X_FORWARDED_FOR="203.0.113.6")
    again = client.get("/api/v1/communes", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert (first.status_code, second.status_code, again.status_code) == (200, 200, 429)


def test_the_openapi_document_lists_every_endpoint(client):
    schema = get(client, "openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        f"/api/v1/{p}"
        for p in [
            "summary",
            "products",
            "products/{code}",
            "producers",
            "producers/{producer_id}",
            "communes",
            "communes/{code}",
            "verify/{code}",
            "changes",
        ]
    }


def test_the_docs_page_is_served_from_the_schema(client):
    response = get(client, "docs")
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "GET /api/v1/changes" in page and "/api/v1/openapi.json" in page
    assert "cdn" not in page.lower() and "<script" not in page
