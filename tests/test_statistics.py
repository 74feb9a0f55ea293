"""The statistics page /thong-ke/: the registry's figures as charts, tables and CSV files."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from ocop.registry.models import Decision, Product, ProductSet
from ocop.registry.summary import summarize
from tests.factories import make_decision, make_product

SAMPLE = Path(__file__).parent / "data" / "ocop-mau-2019-2026.xlsx"
DAY = date(2025, 12, 31)
pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    call_command("import", str(SAMPLE), stdout=StringIO(), stderr=StringIO())


def chart_data(response) -> dict:
    html = response.content.decode()
    block = html.split('<script id="chart-data" type="application/json">')[1]
    return json.loads(block.split("</script>")[0])


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_its_figures_equal_the_summary_and_the_querysets_on_the_sample(sample, visitor):
    response = visitor.get("/thong-ke/?ngay=31/12/2025")
    data = chart_data(response)
    summary = summarize(DAY, breakdowns=True)

    assert response.status_code == 200
    assert "Số liệu tính đến ngày 31/12/2025" in response.content.decode()
    assert data["hang-sao"]["labels"] == ["5 sao", "4 sao", "3 sao"]
    assert data["hang-sao"]["series"][0]["data"] == [0, 17, 126]
    stars = [summary.valid_by_stars[s] for s in ("5", "4", "3")]
    assert data["hang-sao"]["series"][0]["data"] == stars
    communes = data["xa-phuong"]
    assert dict(zip(communes["labels"], communes["series"][0]["data"], strict=True)) == (
        summary.by_commune
    )
    # The sample records no product group: nothing is drawn, the table and CSV count them all.
    groups = csv_rows(visitor.get("/thong-ke/nhom.csv", {"ngay": "31/12/2025"}))
    assert sum(data["nhom"]["series"][0]["data"]) == 0
    assert sum(int(n) for _, n in groups[1:]) == Product.objects.valid_on(DAY).count() == 143


def test_recognitions_per_year_count_the_decisions_signed_by_the_day(sample, visitor):
    rows = csv_rows(visitor.get("/thong-ke/cong-nhan-theo-nam.csv?ngay=31/12/2025"))
    signed = Decision.objects.signed_by(DAY)

    assert rows[0] == ["Năm", "5 sao", "4 sao", "3 sao", "Tổng"]
    per_year = {int(row[0]): int(row[-1]) for row in rows[1:]}
    assert per_year == dict(Counter(d.year for d in signed.values_list("decided_on", flat=True)))
    assert max(per_year) == 2025


def test_expiries_by_month_are_the_products_expiring_as_known_on_the_day(sample, visitor):
    rows = csv_rows(visitor.get("/thong-ke/het-han-theo-thang.csv?ngay=31/12/2025"))
    ending = Product.objects.with_valid_until(DAY).filter(
        valid_until__gte=DAY, valid_until__lte=date(2026, 11, 30)
    )

    assert [row[0] for row in rows[1:4]] == ["12/2025", "01/2026", "02/2026"]
    assert len(rows) == 13
    assert sum(int(row[1]) for row in rows[1:]) == ending.count() > 0
    assert ending.count() <= Product.objects.valid_on(DAY).count()


def test_the_expiries_equal_expiring_between_when_nothing_is_signed_later(visitor):
    make_decision(make_product("Chè Shan tuyết"), decided_on=date(2022, 3, 15))

    rows = csv_rows(visitor.get("/thong-ke/het-han-theo-thang.csv?ngay=01/01/2025"))

    expiring = Product.objects.expiring_between(date(2025, 1, 1), date(2025, 12, 31))
    assert sum(int(row[1]) for row in rows[1:]) == expiring.count() == 1


def test_a_csv_opens_with_the_bom_and_vietnamese_intact(sample, visitor):
    response = visitor.get("/thong-ke/xa-phuong.csv?ngay=31/12/2025")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "thong-ke-xa-phuong-2025-12-31.csv" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == ["Xã, phường", "Số sản phẩm còn hiệu lực"]
    by_commune = summarize(DAY, breakdowns=True).by_commune
    assert {name: int(n) for name, n in rows[1:]} == by_commune


def test_csv_cells_that_look_like_formulas_are_written_as_text(visitor):
    odd = ProductSet.objects.create(number=99, key="X", sector="Ngành", group="=1+2", name="X")
    make_decision(make_product(product_set=odd), decided_on=date(2025, 6, 1))

    rows = csv_rows(visitor.get("/thong-ke/nhom.csv?ngay=31/12/2025"))

    assert ["'=1+2", "1"] in rows


def test_the_english_page_and_csv_speak_english(visitor):
    make_decision(decided_on=date(2025, 6, 1), stars=4)

    html = visitor.get("/en/thong-ke/?ngay=31/12/2025").content.decode()
    rows = csv_rows(visitor.get("/en/thong-ke/hang-sao.csv?ngay=31/12/2025"))

    assert '<html lang="en">' in html
    assert "Figures on 31/12/2025" in html
    assert rows == [
        ["Rating", "Valid products"],
        ["5 stars", "0"],
        ["4 stars", "1"],
        ["3 stars", "0"],
    ]


@pytest.mark.parametrize("typed", ["2025-12-31", "31/12/2025", "31/12/2025 "])
def test_it_reads_the_day_as_dd_mm_yyyy_or_iso(visitor, typed):
    response = visitor.get("/thong-ke/", {"ngay": typed})

    assert "Số liệu tính đến ngày 31/12/2025" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("30/02/2025", "Ngày không hợp lệ: &#x27;30/02/2025&#x27;"),
        ("31/12/1999", "nằm ngoài thời gian của Chương trình OCOP"),
    ],
)
def test_it_explains_a_bad_day_in_vietnamese_and_shows_today(visitor, typed, words):
    response = visitor.get("/thong-ke/", {"ngay": typed})
    csv_response = visitor.get("/thong-ke/hang-sao.csv", {"ngay": typed})

    assert response.status_code == 400
    assert words in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert csv_response.status_code == 400


def test_an_unknown_chart_is_not_found(visitor):
    assert visitor.get("/thong-ke/khong-co.csv").status_code == 404


def test_the_page_loads_no_inline_script_and_no_outside_script(visitor):
    html = visitor.get("/thong-ke/").content.decode()

    scripts = [part.split(">")[0] for part in html.split("<script")[1:]]
    assert scripts == [
        ' src="/static/catalog/vendor/chartjs/chart.umd.min.js" defer',
        ' src="/static/catalog/statistics.js" defer',
        ' id="chart-data" type="application/json"',
    ]


def test_products_of_no_group_are_explained_not_drawn_as_a_bar(visitor):
    for name in ("Chè xanh", "Mật ong", "Gạo tẻ"):
        make_decision(make_product(name), date(2024, 5, 4), stars=3)
    response = visitor.get("/thong-ke/", {"ngay": "31/12/2025"})
    html = response.content.decode()
    assert "Chưa xác định" not in json.dumps(chart_data(response), ensure_ascii=False)
    assert "3 sản phẩm chưa được ghi mục này trong sổ" in html
    assert "Nguồn: Sổ đăng ký sản phẩm OCOP của Sở Nông nghiệp và Môi trường tỉnh Lai Châu" in html
    rows = csv_rows(visitor.get("/thong-ke/nhom.csv", {"ngay": "31/12/2025"}))
    assert rows[-1] == ["Chưa xác định", "3"]


def test_the_english_page_has_the_headline_figures(visitor):
    make_decision(make_product("Chè xanh"), date(2024, 5, 4), stars=4)
    html = visitor.get("/en/thong-ke/", {"ngay": "31/12/2025"}).content.decode()
    assert '<div class="n" data-figure="valid_products">1</div>' in html
    assert '<div class="n" data-figure="stars_4">1</div>' in html
    assert "valid products" in html


SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(response) -> list[str]:
    return [t.text for t in ET.fromstring(response.content).iter(f"{SVG}text")]


def test_a_chart_downloads_as_an_svg_image_with_its_figures_and_source_inside(visitor):
    make_decision(make_product("Chè xanh"), date(2024, 5, 4), stars=4)
    make_decision(make_product("Mật ong & sáp"), date(2025, 2, 1), stars=3)

    response = visitor.get("/thong-ke/hang-sao.svg", {"ngay": "31/12/2025"})

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "bieu-do-hang-sao-2025-12-31.svg" in response["Content-Disposition"]
    texts = svg_texts(response)
    assert texts[0] == "Sản phẩm còn hiệu lực theo hạng sao"
    assert texts[1:7] == ["5 sao", "0", "4 sao", "1", "3 sao", "1"]
    source = " ".join(texts[7:])
    assert source.startswith("Nguồn: Sổ đăng ký sản phẩm OCOP")
    assert "tính đến ngày 31/12/2025" in source
    bars = ET.fromstring(response.content).findall(f"{SVG}rect")[1:]
    assert [float(bar.get("width")) for bar in bars] == [0.0, 520.0, 520.0]


def test_the_page_links_each_drawn_chart_to_its_image_and_english_images_speak_english(visitor):
    make_decision(make_product("Chè xanh"), date(2024, 5, 4), stars=4)
    html = visitor.get("/thong-ke/", {"ngay": "31/12/2025"}).content.decode()
    assert 'href="/thong-ke/cong-nhan-theo-nam.svg?ngay=31/12/2025"' in html
    assert "Tải ảnh biểu đồ (SVG)" in html

    texts = svg_texts(visitor.get("/en/thong-ke/cong-nhan-theo-nam.svg?ngay=31/12/2025"))
    assert "4 stars" in texts  # the legend of the stacked bars
    assert any(t.startswith("Source: the OCOP product registry") for t in texts)
    assert visitor.get("/thong-ke/khong-co.svg").status_code == 404
