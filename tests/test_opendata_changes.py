"""The changes between two dates (/du-lieu/thay-doi.*) and the Atom feed of them."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from ocop.domain.validity import last_valid_day
from ocop.opendata.changes import CHANGE_COLUMNS, changes_between
from ocop.registry.generate import generate
from ocop.registry.models import Decision
from tests.factories import make_decision, make_product

pytestmark = pytest.mark.django_db
YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


@pytest.fixture
def history():
    """One product of each kind of event in 2025, and one with nothing in 2025."""
    new = make_product(name="Mật ong Sìn Hồ")
    make_decision(product=new, decided_on=date(2025, 4, 2), stars=3)
    renewed = make_product(name="Chè Shan tuyết Tả Ngảo")
    make_decision(product=renewed, decided_on=date(2022, 6, 1))
    make_decision(product=renewed, decided_on=date(2025, 5, 20), stars=4)
    lapsed = make_product(name="Gạo tẻ râu Bình Lư")
    make_decision(product=lapsed, decided_on=date(2022, 8, 10))  # runs out 10/08/2025
    revoked = make_product(name="Rượu ngô Phong Thổ")
    make_decision(product=revoked, decided_on=date(2024, 1, 8), revoked_on=date(2025, 9, 15))
    quiet = make_product(name="Cá hồi Sa Pả")
    make_decision(product=quiet, decided_on=date(2024, 2, 1))


def events(changes):
    return [(c.day, c.kind, c.record.product_name) for c in changes]


def test_it_finds_each_kind_of_change_in_the_range(history):
    assert events(changes_between(*YEAR_2025)) == [
        (date(2025, 4, 2), "recognised", "Mật ong Sìn Hồ"),
        (date(2025, 5, 20), "renewed", "Chè Shan tuyết Tả Ngảo"),
        (date(2025, 8, 11), "expired", "Gạo tẻ râu Bình Lư"),
        (date(2025, 9, 15), "revoked", "Rượu ngô Phong Thổ"),
    ]


def test_each_change_names_its_decision_and_the_status_after_it(history):
    expired = next(c for c in changes_between(*YEAR_2025) if c.kind == "expired")
    assert expired.record.last_valid_day == date(2025, 8, 10)
    assert expired.record.status == "expired"
    assert expired.record.stars == 3  # the stars of the decision that ran out
    revoked = next(c for c in changes_between(*YEAR_2025) if c.kind == "revoked")
    assert (revoked.record.status, revoked.record.revoked_on) == ("revoked", date(2025, 9, 15))


def test_the_range_includes_both_ends(history):
    assert events(changes_between(date(2025, 4, 2), date(2025, 4, 2)))[0][1] == "recognised"
    assert events(changes_between(date(2025, 8, 11), date(2025, 8, 11)))[0][1] == "expired"
    assert changes_between(date(2025, 8, 12), date(2025, 9, 14)) == []


def test_recognitions_and_renewals_count_the_decisions_signed_in_the_range():
    generate(200, seed=4, today=date(2026, 3, 1))
    found = Counter(c.kind for c in changes_between(*YEAR_2025))
    signed = Decision.objects.filter(decided_on__range=YEAR_2025)
    assert found["recognised"] + found["renewed"] == signed.count()
    revoked = Decision.objects.filter(revoked_on__range=YEAR_2025)
    assert found["revoked"] == revoked.count()


def test_the_csv_of_changes_reads_back(client, history):
    response = client.get("/du-lieu/thay-doi.csv", {"tu": "01/01/2025", "den": "31/12/2025"})
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [c.label for c in CHANGE_COLUMNS]
    assert [(r[0], r[2]) for r in rows[1:]] == [
        ("02/04/2025", "Công nhận mới"),
        ("20/05/2025", "Đánh giá lại, công nhận tiếp"),
        ("11/08/2025", "Hết thời hạn"),
        ("15/09/2025", "Thu hồi"),
    ]
    assert (
        'filename="thay-doi-ocop-2025-01-01-den-2025-12-31.csv"'
        in (response["Content-Disposition"])
    )


def test_the_json_and_xlsx_of_changes_hold_the_same_events(client, history):
    query = {"tu": "2025-01-01", "den": "2025-12-31"}
    data = json.loads(b"".join(client.get("/du-lieu/thay-doi.json", query).streaming_content))
    assert (data["from"], data["to"]) == ("2025-01-01", "2025-12-31")
    assert [c["kind"] for c in data["changes"]] == ["recognised", "renewed", "expired", "revoked"]
    from openpyxl import load_workbook

    raw = b"".join(client.get("/du-lieu/thay-doi.xlsx", query).streaming_content)
    sheet = load_workbook(io.BytesIO(raw)).active
    assert [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)] == [
        "recognised", "renewed", "expired", "revoked"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"tu": "31/12/2025", "den": "01/01/2025"}, "sau ngày kết thúc"),
        ({"tu": "01/01/2019", "den": "01/01/2030"}, "tối đa 10 năm"),
        ({"tu": "2025-02-30"}, "Ngày không hợp lệ"),
    ],
)
def test_it_refuses_a_bad_range_with_a_vietnamese_reason(client, query, message):
    response = client.get("/du-lieu/thay-doi.csv", query)
    assert response.status_code == 400
    assert message in response.content.decode()


# The Atom feed.


@pytest.fixture
def recent():
    today = timezone.localdate()
    new = make_product(name="Mật ong bạc hà Sìn Hồ")
    make_decision(product=new, decided_on=today - timedelta(days=3), stars=4)
    old_day = today - timedelta(days=40)
    lapsing = make_product(name="Miến dong Tân Uyên")
    lapsed_on = date(old_day.year - 3, old_day.month, min(old_day.day, 28))
    make_decision(product=lapsing, decided_on=lapsed_on)
    revoked = make_product(name="Rượu ngô Phong Thổ & Sìn Hồ")
    make_decision(product=revoked, decided_on=today - timedelta(days=200), revoked_on=today)
    return lapsed_on


def parse_feed(client):
    response = client.get("/du-lieu/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return response, ET.fromstring(response.content)


def test_the_feed_has_what_rfc_4287_requires(client, recent):
    _, feed = parse_feed(client)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == "http://testserver/du-lieu/feed.atom"
    assert links["alternate"] == "http://testserver/du-lieu/"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/san-pham/")
        assert entry.find(f"{ATOM}summary") is not None
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("tag:testserver,2018:ocop/") for i in ids)
    for stamp in feed.iter(f"{ATOM}updated"):
        assert RFC3339.fullmatch(stamp.text), stamp.text
        assert datetime.fromisoformat(stamp.text).tzinfo is not None


def test_the_feed_lists_the_newest_change_first(client, recent):
    _, feed = parse_feed(client)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert titles[0] == "Thu hồi: Rượu ngô Phong Thổ & Sìn Hồ (3 sao)"
    assert titles[1] == "Công nhận mới: Mật ong bạc hà Sìn Hồ (4 sao)"
    assert titles[2].startswith("Hết thời hạn: Miến dong Tân Uyên")
    updated = feed.find(f"{ATOM}updated").text
    assert updated.startswith(timezone.localdate().isoformat())


def test_an_empty_feed_is_still_valid(client):
    _, feed = parse_feed(client)
    assert feed.findall(f"{ATOM}entry") == []
    assert RFC3339.fullmatch(feed.find(f"{ATOM}updated").text)


def test_the_feed_can_be_cached_and_revalidated(client, recent):
    response, _ = parse_feed(client)
    assert "max-age=300" in response["Cache-Control"]
    again = client.get("/du-lieu/feed.atom", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_an_expiry_is_dated_the_day_after_the_last_valid_day(recent):
    today = timezone.localdate()
    (expired,) = [
        c for c in changes_between(today - timedelta(days=89), today) if c.kind == "expired"
    ]
    assert expired.day == last_valid_day(recent) + timedelta(days=1)
