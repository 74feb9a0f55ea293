"""The API's answers kept per registry version (issue 12's speed): the figures of any day from
the timeline agree with summarize(), and a list's pages (slices of the ids found once) follow
every write at once."""

from datetime import date, timedelta

import pytest

from ocop.opendata import api_timeline
from ocop.registry.generate import generate
from ocop.registry.summary import summarize
from tests.factories import make_decision, make_producer, make_product

pytestmark = pytest.mark.django_db


def every_day_that_matters(timeline) -> list[date]:
    one = timedelta(days=1)
    return sorted({d + step for d in timeline.days for step in (-one, timedelta(0))})


def test_the_timeline_says_what_summarize_says_on_every_day_a_figure_moves():
    generate(120, seed=7, today=date(2026, 6, 1), first_day=date(2012, 1, 1), reevaluate=0.7)
    timeline = api_timeline.build()
    assert len(timeline.days) > 50
    for day in [date(2000, 1, 1), *every_day_that_matters(timeline), date(2040, 1, 1)]:
        assert timeline.summary(day).to_dict() == summarize(day).to_dict(), day


def test_a_revoked_renewal_gives_back_the_earlier_stars_as_summarize_does():
    tea = make_producer("Hợp tác xã Chè Nậm Sỏ", "Nậm Sỏ")
    shan = make_product("Chè Shan tuyết Nậm Sỏ", tea)
    make_decision(shan, date(2023, 3, 1), stars=3)
    make_decision(shan, date(2024, 5, 2), stars=5, revoked_on=date(2025, 1, 10))
    honey = make_product("Mật ong rừng Bum Tở", make_producer("Hộ Lò Văn Thanh", "Bum Tở"))
    make_decision(honey, date(2022, 1, 5), stars=4, revoked_on=date(2022, 2, 1))
    timeline = api_timeline.build()
    for day in every_day_that_matters(timeline):
        assert timeline.summary(day).to_dict() == summarize(day).to_dict(), day
    assert timeline.summary(date(2025, 1, 10)).valid_by_stars == {"3": 1, "4": 0, "5": 0}


def test_the_summary_follows_a_write_at_once(client):
    product = make_product()
    make_decision(product, date(2024, 3, 1), stars=4)
    asked = "/api/v1/summary?as_of=2025-12-31"
    assert client.get(asked).json()["valid_products"] == 1
    make_decision(make_product("Hồng trà Nậm Sỏ"), date(2025, 2, 1), stars=5)
    assert client.get(asked).json()["valid_by_stars"] == {"3": 0, "4": 1, "5": 1}


def test_every_page_of_a_list_follows_a_write_at_once(client):
    producer = make_producer()
    for n in range(5):
        make_decision(make_product(f"Chè số {n}", producer), date(2024, 3, 1))
    asked = "/api/v1/products?as_of=2025-12-31&page_size=2&page=3"
    first = client.get(asked).json()
    assert (first["count"], [r["product_name"] for r in first["results"]]) == (5, ["Chè số 4"])
    make_decision(make_product("Chè số 5", producer), date(2024, 3, 1))
    again = client.get(asked).json()
    assert (again["count"], [r["product_name"] for r in again["results"]]) == (
        6,
        ["Chè số 4", "Chè số 5"],
    )
    producers = client.get("/api/v1/producers?as_of=2025-12-31").json()
    assert producers["results"][0]["products"] == 6


def test_a_list_is_written_as_ninja_writes_it_validated(client):
    from ocop.opendata.api import api
    from ocop.opendata.schemas import ProducerPage, ProductPage

    make_decision(make_product(), date(2024, 3, 1), stars=4)
    make_decision(make_product("Hồng trà Nậm Sỏ"), date(2021, 6, 1), revoked_on=date(2022, 1, 1))
    for path, schema in (
        ("products?as_of=2025-12-31&status=all", ProductPage),
        ("producers?as_of=2025-12-31", ProducerPage),
    ):
        answer = client.get(f"/api/v1/{path}")
        validated = schema.model_validate(answer.json()).model_dump()
        written = api.create_response(None, validated, status=200)
        assert answer.content == written.content
        assert answer["Content-Type"] == written["Content-Type"]


def test_a_kept_answer_keeps_its_headers_and_follows_a_write(client):
    make_decision(make_product(), date(2024, 3, 1), stars=4)
    first = client.get("/api/v1/communes?as_of=2025-12-31")
    again = client.get("/api/v1/communes?as_of=2025-12-31")
    assert again.content == first.content and again["ETag"] == first["ETag"]
    make_decision(make_product("Hồng trà Nậm Sỏ"), date(2025, 1, 1), stars=3)
    after = client.get("/api/v1/communes?as_of=2025-12-31")
    assert after.json()["results"][0]["valid_products"] == 2
