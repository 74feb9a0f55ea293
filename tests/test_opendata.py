"""The open-data downloads under /du-lieu/: the registry on a date and the changes between two
dates as CSV, XLSX and JSON, read back as a user's program would."""

import csv
import io
import json
from collections import Counter
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from ocop.domain.status import Status
from ocop.opendata.records import COLUMNS, registry_on
from ocop.registry.generate import generate
from ocop.registry.models import Product
from ocop.registry.summary import summarize
from tests.factories import make_decision, make_product

pytestmark = pytest.mark.django_db
DAY = date(2025, 12, 31)
LABEL = {c.key: c.label for c in COLUMNS}


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Today's whole registry as XLSX is built into a file under the data folder."""
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def registry():
    generate(150, seed=12, today=date(2026, 3, 1))


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[dict]:
    raw = body(response)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark, for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_csv_counts_what_ocop_summary_counts_on_that_day(client, registry):
    response = client.get("/du-lieu/so-dang-ky.csv", {"ngay": "31/12/2025"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="so-dang-ky-ocop-2025-12-31.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    summary = summarize(DAY)
    statuses = Counter(row[LABEL["status"]] for row in rows)
    assert statuses == Counter(
        {"valid": summary.valid_products, "expired": summary.expired_products}
    ) + Counter({"revoked": summary.revoked_products})
    stars = Counter(row[LABEL["stars"]] for row in rows if row[LABEL["status"]] == "valid")
    assert {s: stars[s] for s in summary.valid_by_stars} == summary.valid_by_stars
    valid = [row for row in rows if row[LABEL["status"]] == "valid"]
    assert len({row[LABEL["producer_id"]] for row in valid}) == summary.producers
    assert len({row[LABEL["commune_code"]] for row in valid}) == summary.communes


def test_every_record_has_the_status_the_python_rule_gives(registry):
    for day in (date(2021, 6, 30), DAY):
        records = list(registry_on(day))
        products = Product.objects.prefetch_related("decisions").in_bulk(
            [r.product_id for r in records]
        )
        for record in records:
            product = products[record.product_id]
            assert record.status == product.status_on(day)
            assert record.stars == product.stars_on(day)


def test_the_csv_has_the_columns_of_the_data_dictionary_with_dates_day_first(client):
    make_decision(decided_on=date(2024, 3, 5), stars=4)
    (row,) = csv_rows(client.get("/du-lieu/so-dang-ky.csv", {"ngay": "2025-12-31"}))
    assert list(row) == [c.label for c in COLUMNS]
    assert row[LABEL["decided_on"]] == "05/03/2024"
    assert row[LABEL["last_valid_day"]] == "05/03/2027"
    assert row[LABEL["product_name"]] == "Chè Shan tuyết Nậm Sỏ"
    assert row[LABEL["commune_name"]] == "Xã Nậm Sỏ"
    assert row[LABEL["stars"]] == "4"
    assert row[LABEL["verify_url"]].startswith("http://testserver/xac-minh/")
    assert row[LABEL["product_url"]].startswith("http://testserver/san-pham/")


def test_urls_are_on_the_public_address_when_it_is_set(client, settings):
    settings.OCOP_PUBLIC_URL = "https://ocop.laichau.gov.vn"
    decision = make_decision()
    (row,) = csv_rows(client.get("/du-lieu/so-dang-ky.csv"))
    assert row[LABEL["verify_url"]] == (
        f"https://ocop.laichau.gov.vn/xac-minh/{decision.public_code}/"
    )
    assert client.get(row[LABEL["product_url"]].removeprefix("https://ocop.laichau.gov.vn"))


def test_formula_like_text_is_written_as_text(client):
    product = make_product(name='=HYPERLINK("http://x","Chè")')
    make_decision(product=product, issuer="+UBND tỉnh")
    (row,) = csv_rows(client.get("/du-lieu/so-dang-ky.csv"))
    assert row[LABEL["product_name"]].startswith("'=")
    assert row[LABEL["issuer"]] == "'+UBND tỉnh"
    book = load_workbook(io.BytesIO(body(client.get("/du-lieu/so-dang-ky.xlsx"))))
    sheet = book.active
    names = [cell for cell in sheet[4] if str(cell.value).startswith("=HYPERLINK")]
    assert names and all(cell.data_type == "s" and cell.quotePrefix for cell in names)


def test_the_xlsx_holds_the_same_rows_with_real_dates_and_text_codes(client, registry):
    response = client.get("/du-lieu/so-dang-ky.xlsx", {"ngay": "31/12/2025"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(body(response))).active
    assert sheet["A1"].value == "DANH SÁCH SẢN PHẨM OCOP NGÀY 31/12/2025"
    header = [cell.value for cell in sheet[3]]
    assert header == [c.label for c in COLUMNS]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    summary = summarize(DAY)
    assert len(rows) == summary.valid_products + summary.expired_products + (
        summary.revoked_products
    )
    decided = header.index(LABEL["decided_on"])
    assert all(isinstance(row[decided], datetime) for row in rows)
    code_cell = sheet.cell(row=4, column=header.index(LABEL["commune_code"]) + 1)
    assert code_cell.data_type == "s" and code_cell.value.startswith("0")  # text: "03613"


def test_the_json_has_the_day_the_licence_and_the_products(client, registry):
    response = client.get("/du-lieu/so-dang-ky.json", {"ngay": "31/12/2025"})
    data = json.loads(body(response))
    assert data["as_of"] == "2025-12-31"
    assert data["licence"]["name"] == "CC BY 4.0"
    assert len(data["products"]) == len(list(registry_on(DAY)))
    first = data["products"][0]
    assert list(first) == [c.key for c in COLUMNS]
    assert date.fromisoformat(first["decided_on"])


def test_it_keeps_only_the_status_asked_for(client, registry):
    rows = csv_rows(client.get("/du-lieu/so-dang-ky.csv", {"ngay": DAY, "tinh_trang": "het-han"}))
    assert len(rows) == summarize(DAY).expired_products
    assert {row[LABEL["status"]] for row in rows} == {"expired"}


def test_a_day_before_a_product_was_recognised_leaves_it_out():
    make_decision(decided_on=date(2024, 3, 5))
    assert list(registry_on(date(2024, 3, 4))) == []
    assert [r.status for r in registry_on(date(2024, 3, 5))] == [Status.VALID]


def test_a_revocation_after_the_day_is_not_known_on_that_day():
    make_decision(decided_on=date(2024, 3, 5), revoked_on=date(2025, 2, 1))
    (before,) = registry_on(date(2025, 1, 31))
    assert (before.status, before.revoked_on, before.stars) == ("valid", None, 3)
    (after,) = registry_on(date(2025, 2, 1))
    assert (after.status, after.revoked_on, after.stars) == ("revoked", date(2025, 2, 1), None)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"ngay": "31/13/2025"}, "Ngày không hợp lệ"),
        ({"ngay": "hôm qua"}, "Ngày không hợp lệ"),
        ({"ngay": "01/01/1990"}, "ngay:"),
        ({"tinh_trang": "sap-het"}, "tinh_trang"),
    ],
)
def test_it_refuses_a_bad_question_with_a_vietnamese_reason(client, query, message):
    response = client.get("/du-lieu/so-dang-ky.csv", query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_downloads_may_be_kept_by_browsers_and_proxies_for_a_while(client):
    for url in ("/du-lieu/so-dang-ky.csv", "/du-lieu/so-dang-ky.xlsx", "/du-lieu/thay-doi.json"):
        response = client.get(url)
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


def test_the_csv_streams(client, registry, monkeypatch):
    monkeypatch.setattr("ocop.shared.exports.ROWS_PER_CHUNK", 10)
    response = client.get("/du-lieu/so-dang-ky.csv")
    assert response.streaming
    assert len(list(response.streaming_content)) > 10


def test_the_record_and_the_data_dictionary_name_the_same_columns_in_order():
    from ocop.opendata.records import Record

    assert Record._fields == tuple(c.key for c in COLUMNS)
