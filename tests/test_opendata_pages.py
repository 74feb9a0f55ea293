"""The /du-lieu/ page, the data dictionary, the DCAT metadata and the embeddable widget."""

import json
import re
from datetime import date

import pytest
from django.utils import timezone

from ocop.opendata.changes import EVENT_COLUMNS
from ocop.opendata.records import COLUMNS
from tests.factories import make_decision, make_product, unit

pytestmark = pytest.mark.django_db


def test_the_page_offers_every_download_and_embeds_its_dcat_metadata(client):
    response = client.get("/du-lieu/")
    assert response.status_code == 200
    html = response.content.decode()
    for path in ("/du-lieu/so-dang-ky.csv", "/du-lieu/so-dang-ky.xlsx", "/du-lieu/so-dang-ky.json",
                 "/du-lieu/thay-doi.csv", "/du-lieu/tu-dien/", "/du-lieu/feed.atom",
                 "/du-lieu/dcat.jsonld", "/du-lieu/nhung/"):  # fmt: skip
        assert path in html, path
    assert "CC BY 4.0" in html
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(embedded.group(1)) == client.get("/du-lieu/dcat.jsonld").json()


def test_the_dcat_metadata_describes_the_dataset_and_its_files(client):
    response = client.get("/du-lieu/dcat.jsonld")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    data = response.json()
    assert data["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert data["@type"] == "dcat:Dataset"
    assert data["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/deed.vi"
    assert data["dct:publisher"]["foaf:name"] == "Sở Nông nghiệp và Môi trường tỉnh Lai Châu"
    downloads = [d["dcat:downloadURL"]["@id"] for d in data["dcat:distribution"] if
                 "dcat:downloadURL" in d]  # fmt: skip
    assert len(downloads) == 5
    for url in downloads:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


def test_the_licence_is_the_departments_choice(client, settings):
    settings.OCOP_DATA_LICENCE = "ODC-BY 1.0"
    settings.OCOP_DATA_LICENCE_URL = "https://opendatacommons.org/licenses/by/1-0/"
    assert "ODC-BY 1.0" in client.get("/du-lieu/").content.decode()
    data = client.get("/du-lieu/dcat.jsonld").json()
    assert data["dct:license"]["@id"] == "https://opendatacommons.org/licenses/by/1-0/"
    assert json.loads(b"".join(client.get("/du-lieu/so-dang-ky.json").streaming_content))[
        "licence"
    ] == {"name": "ODC-BY 1.0", "url": "https://opendatacommons.org/licenses/by/1-0/"}


def test_the_dictionary_explains_every_column(client):
    html = client.get("/du-lieu/tu-dien/").content.decode()
    for column in (*COLUMNS, *EVENT_COLUMNS):
        assert f"<code>{column.key}</code>" in html
        assert column.label in html
    assert "<code>I.5.a</code>" in html


# The widget.


@pytest.fixture
def communes():
    today = timezone.localdate()
    here = make_product(name="Chè Shan tuyết Nậm Sỏ")
    make_decision(product=here, decided_on=today.replace(year=today.year - 1), stars=4)
    lapsed = make_product(name="Mật ong Nậm Sỏ")
    make_decision(product=lapsed, decided_on=date(2019, 1, 1))
    return unit("Nậm Sỏ")


def test_the_widget_lists_a_communes_valid_products(client, communes):
    response = client.get("/du-lieu/nhung/", {"xa": communes.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sản phẩm OCOP — Xã Nậm Sỏ" in html
    assert "Chè Shan tuyết Nậm Sỏ" in html and "4 sao" in html
    assert "Mật ong Nậm Sỏ" not in html  # expired


def test_the_widget_lists_a_groups_valid_products(client, communes):
    from ocop.registry.models import Product, ProductSet

    Product.objects.filter(name="Chè Shan tuyết Nậm Sỏ").update(
        product_set=ProductSet.objects.get(key="I.5.a")
    )
    assert "Chè Shan tuyết" in client.get("/du-lieu/nhung/", {"nhom": "I.5"}).content.decode()
    html = client.get("/du-lieu/nhung/", {"nhom": "I.1"}).content.decode()
    assert "Chè Shan tuyết" not in html and "0 sản phẩm" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({}, "Cần chọn xã/phường"),
        ({"xa": "99999"}, "Không có xã/phường mã &#x27;99999&#x27;"),
        ({"nhom": "IX"}, "Không có nhóm sản phẩm mã &#x27;IX&#x27;"),
    ],
)
def test_the_widget_says_what_is_wrong_with_its_address(client, query, message):
    response = client.get("/du-lieu/nhung/", query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_only_the_widget_may_be_framed_by_other_sites(client, communes):
    widget = client.get("/du-lieu/nhung/", {"xa": communes.code})
    assert "X-Frame-Options" not in widget
    assert "frame-ancestors *" in widget["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in widget["Content-Security-Policy"]
    for url in ("/du-lieu/", "/du-lieu/tu-dien/", "/"):
        page = client.get(url)
        assert page["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in page["Content-Security-Policy"], url


def test_the_snippet_on_the_page_frames_the_widget(client, communes):
    html = client.get("/du-lieu/").content.decode()
    assert "&lt;iframe src=&quot;http://testserver/du-lieu/nhung/?xa=" in html
