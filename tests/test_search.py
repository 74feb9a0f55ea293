"""/san-pham/: the public search, through the real URLs, on the real import of the sample list
and hand-made products: accent-free, one typo forgiven, exact accents first, facets with
counts, today's status, dictionary order, stable pages, and an index that is never stale."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from ocop.catalog import fulltext
from ocop.catalog.product_search import Criteria, search
from ocop.domain.names import fold, vn_sort_key
from ocop.registry.models import Decision, ProducerType, Product
from tests.factories import SAMPLES, make_decision, make_producer, make_product

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 10)
VALID, EXPIRED = date(2024, 5, 4), date(2021, 3, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


@pytest.fixture
def sample():
    call_command("import", str(SAMPLES / "ocop-mau-2019-2026.xlsx"), stdout=StringIO())


def product(name, producer=None, decided_on=VALID, stars=4, **decision):
    made = make_product(name, producer)
    make_decision(made, decided_on, stars=stars, **decision)
    return made


def found(client, url) -> list[tuple[str, str]]:
    """(link, text) of each result on the page, in order."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'class="product-name" href="([^"]+)">([^<]+)</a>', html)


def names(client, url) -> list[str]:
    return [text for _, text in found(client, url)]


def test_it_finds_a_product_typed_without_accents(client, sample):
    ta_ngao = product("Đông trùng hạ thảo Tả Ngảo")
    results = found(client, "/san-pham/?q=dong+trung+ha+thao+ta+ngao")
    assert results[0] == (ta_ngao.get_public_url(), "Đông trùng hạ thảo Tả Ngảo")
    assert "Đông trùng hạ thảo Khun Há" not in [text for _, text in results]


def test_d_matches_đ_and_a_word_matches_from_its_start(client, sample):
    product("Đông trùng hạ thảo Tả Ngảo")
    assert "Đông trùng hạ thảo Tả Ngảo" in names(client, "/san-pham/?q=d+trung")
    assert "Đông trùng hạ thảo Tả Ngảo" in names(client, "/san-pham/?q=DONG+TRU")


def test_it_finds_a_product_by_its_producer_its_commune_or_its_set(client):
    honey = make_producer("Hợp tác xã Mật ong Pu Sam Cáp", unit_name="Tả Lèng")
    product("Mật ong bạc hà", honey)
    assert names(client, "/san-pham/?q=pu+sam+cap") == ["Mật ong bạc hà"]
    assert names(client, "/san-pham/?q=ta+leng+mat+ong") == ["Mật ong bạc hà"]


def test_exact_accented_matches_come_first(client):
    product("Mật ong Sin Hồ")
    product("Mật ong Sìn Hồ")
    assert names(client, "/san-pham/?q=mật+ong+sìn+hồ") == ["Mật ong Sìn Hồ", "Mật ong Sin Hồ"]
    assert names(client, "/san-pham/?q=mat+ong+sin+ho") == ["Mật ong Sin Hồ", "Mật ong Sìn Hồ"]


def test_it_forgives_one_typo_in_a_word(client, sample):
    product("Đông trùng hạ thảo Tả Ngảo")
    response = client.get("/san-pham/?q=dong+trung+ha+thao+ta+ngaa")
    assert "gần giống từ đã gõ" in response.content.decode()
    assert names(client, "/san-pham/?q=dong+trung+ha+thao+ta+ngaa")[0] == (
        "Đông trùng hạ thảo Tả Ngảo"
    )
    assert names(client, "/san-pham/?q=dongg+trung+thao+ta+ngao") == ["Đông trùng hạ thảo Tả Ngảo"]


def test_it_does_not_forgive_two_typos_in_a_word(client):
    product("Đông trùng hạ thảo Tả Ngảo")
    assert names(client, "/san-pham/?q=ngii") == []
    assert "Sổ OCOP không có sản phẩm nào" in client.get("/san-pham/?q=ngii").content.decode()


def test_it_shows_every_status_valid_first_each_marked_unless_one_is_chosen(client):
    product("Chè xanh Mường So", decided_on=EXPIRED)
    product("Chè đen Sìn Hồ", revoked_on=date(2025, 9, 15), revocation_reason="Vi phạm")
    product("Chè Shan tuyết Nậm Sỏ")
    assert names(client, "/san-pham/?q=che") == [
        "Chè Shan tuyết Nậm Sỏ",
        "Chè xanh Mường So",
        "Chè đen Sìn Hồ",
    ]
    assert names(client, "/san-pham/?q=che&tinh_trang=con-hieu-luc") == ["Chè Shan tuyết Nậm Sỏ"]
    assert names(client, "/san-pham/?q=che&tinh_trang=het-han") == ["Chè xanh Mường So"]
    assert names(client, "/san-pham/?q=che&tinh_trang=thu-hoi") == ["Chè đen Sìn Hồ"]
    html = client.get("/san-pham/?q=che").content.decode()
    assert "Hết hiệu lực từ ngày 02/03/2024" in html
    assert "Đã bị thu hồi ngày 15/09/2025" in html
    assert "Còn hiệu lực đến hết ngày 04/05/2027" in html
    assert re.search(r'value="tat-ca" checked>\s*<label for="tinh_trang-tat-ca">Tất cả', html)


def test_it_never_says_not_found_of_a_product_the_registry_holds(client, sample):
    expired = Product.objects.filter(
        pk__in=Decision.objects.with_product_status(TODAY)
        .filter(product_status="expired")
        .values("product")
    )
    assert expired.count() > 5
    for each in expired:
        html = client.get("/san-pham/", {"q": each.name}).content.decode()
        shown = re.findall(
            r'class="product-name" href="[^"]+">([^<]+)</a>.*?<span class="tag tag-(\w+)"',
            html,
            re.S,
        )
        assert (each.name, "expired") in shown, each.name
        assert "Sổ OCOP không có sản phẩm nào" not in html


def test_che_lists_every_tea_product_before_anything_matching_only_a_producer(client, sample):
    tea = [
        p.name
        for p in Product.objects.filter(pk__in=Decision.objects.signed_by(TODAY).values("product"))
        if {"che", "tra"} & set(fold(p.name).split())
    ]
    assert any(n.startswith("Chè") for n in tea) and any(n.startswith("Trà") for n in tea)
    shown = []
    for page in range(1, 10):
        shown += names(client, f"/san-pham/?q=che&trang={page}")
        if len(shown) < 20 * page:
            break
    assert sorted(shown[: len(tea)]) == sorted(tea)
    assert len(shown) > len(tea)  # and then the products of tea producers, communes, sets


def test_a_product_named_by_the_words_comes_before_one_found_by_its_producer(client):
    ginseng = make_producer("Hợp tác xã Chè Sâm Tả Phìn", unit_name="Bình Lư")
    product("Sâm Lai Châu", ginseng)
    product("Trà hoa vàng", make_producer("Hợp tác xã Hoa Vàng", unit_name="Bình Lư"))
    product("Chè búp Tân Uyên", decided_on=EXPIRED)
    product("Ấm chè", stars=3)
    assert names(client, "/san-pham/?q=che") == [
        "Ấm chè",
        "Trà hoa vàng",
        "Chè búp Tân Uyên",
        "Sâm Lai Châu",
    ]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("tra", ["Chè Shan tuyết", "Trà hoa vàng"]),
        ("tea", ["Chè Shan tuyết", "Trà hoa vàng"]),
        ("honey", ["Mật ong bạc hà"]),
        ("Honey", ["Mật ong bạc hà"]),
        ("mật ong", ["Mật ong bạc hà"]),
        ("rice", ["Gạo Séng Cù"]),
    ],
)
def test_the_words_of_one_product_find_each_other(client, typed, expected):
    other = make_producer("Hợp tác xã Nông sản Bình Lư", unit_name="Bình Lư")
    for name in ["Chè Shan tuyết", "Trà hoa vàng", "Mật ong bạc hà", "Gạo Séng Cù", "Sáp ong"]:
        product(name, other)
    assert names(client, f"/san-pham/?q={typed}") == expected


def test_it_suggests_what_to_try_when_nothing_is_found(client):
    product("Mật ong bạc hà")
    html = client.get("/san-pham/?q=mat+ong+xyzw").content.decode()
    assert "Sổ OCOP không có sản phẩm nào khớp từ đã gõ." in html
    assert '<a href="/san-pham/?q=mat+ong">“mat ong”</a> (1 sản phẩm)' in html
    filtered = client.get("/san-pham/?q=mat+ong&sao=5").content.decode()
    assert "khớp cả từ đã gõ lẫn bộ lọc" in filtered
    assert '<a href="/san-pham/?q=mat+ong">“mat ong”</a> (1 sản phẩm, không lọc)' in filtered


def test_it_shows_the_statuses_of_the_day_asked(client):
    product("Chè xanh Mường So", decided_on=date(2023, 1, 5))
    assert "Còn hiệu lực" in client.get("/san-pham/?q=che&ngay=31/12/2025").content.decode()
    html = client.get("/san-pham/?q=che&ngay=2025-12-31").content.decode()
    assert "Tình trạng vào ngày 31/12/2025." in html
    assert 'name="ngay" value="31/12/2025"' in html
    assert names(client, "/san-pham/?q=che&tinh_trang=con-hieu-luc&ngay=31/12/2025") == [
        "Chè xanh Mường So"
    ]
    assert names(client, "/san-pham/?q=che&tinh_trang=con-hieu-luc") == []
    future = client.get("/san-pham/?q=che&ngay=01/06/2026").content.decode()
    assert "Tình trạng dự kiến vào ngày 01/06/2026" in future


def test_facets_count_the_products_of_the_current_query(client):
    household = make_producer("Hộ kinh doanh Lò Văn Thanh", kind=ProducerType.HOUSEHOLD)
    product("Chè Shan tuyết Nậm Sỏ", stars=4)
    product("Chè búp", stars=3)
    product("Chè móc câu", household, stars=5)
    product("Chè xanh Mường So", decided_on=EXPIRED)
    product("Gạo tẻ râu", make_producer("Hợp tác xã Gạo Bình Lư", unit_name="Bình Lư"), stars=3)
    result = search(Criteria(q="che", status="con-hieu-luc"), TODAY)
    stars = {f.value: f.count for f in result.facets["sao"]}
    kinds = {f.value: f.count for f in result.facets["loai"]}
    assert stars == {"3": 1, "4": 1, "5": 1}
    assert kinds == {"cooperative": 2, "household": 1}
    assert result.statuses == {"con-hieu-luc": 3, "het-han": 1}
    # A chosen value narrows the other facets, and keeps its own facet's counts.
    chosen = search(Criteria(q="che", status="con-hieu-luc", chosen={"sao": ("3",)}), TODAY)
    assert {f.value: f.count for f in chosen.facets["sao"]} == stars
    assert {f.value: f.count for f in chosen.facets["loai"]} == {"cooperative": 1}
    html = client.get("/san-pham/?q=che&sao=3&sao=5").content.decode()
    chosen_three = r'value="3" checked>\s*<label for="sao-3">3 sao <span class="count">\(1\)'
    assert re.search(chosen_three, html)
    assert names(client, "/san-pham/?q=che&sao=3&sao=5") == ["Chè búp", "Chè móc câu"]
    assert names(client, "/san-pham/?q=che&loai=household") == ["Chè móc câu"]


def test_it_sorts_in_vietnamese_dictionary_order(client):
    written = ["Đậu tương", "Dứa Tân Uyên", "Chè", "Cá suối", "Ăn liền", "Ấm chè", "An toàn"]
    for name in written:
        product(name)
    assert names(client, "/san-pham/?sap_xep=ten") == sorted(written, key=vn_sort_key)
    assert names(client, "/san-pham/") == sorted(written, key=vn_sort_key)


def test_pages_have_stable_addresses(client):
    for n in range(45):
        product(f"Chè số {n:02d}")
    first = client.get("/san-pham/?q=che").content.decode()
    assert 'href="/san-pham/?q=che&amp;trang=2"' in first
    assert 'href="/san-pham/?q=che&amp;trang=3"' in first
    assert names(client, "/san-pham/?q=che&trang=2") == [f"Chè số {n:02d}" for n in range(20, 40)]
    assert names(client, "/san-pham/?q=che&trang=3")[-1] == "Chè số 44"
    # Parameters in any order, or a page past the end, give the same canonical address.
    late = client.get("/san-pham/?trang=9&q=che").content.decode()
    assert '<link rel="canonical" href="http://testserver/san-pham/?q=che&amp;trang=3">' in late


def test_bad_parameters_still_give_a_page(client):
    product("Chè Nọt Sìn")
    response = client.get("/san-pham/?q=che&trang=abc&sao=x&loai=robot&tinh_trang=z&bo=1%27")
    assert response.status_code == 200
    assert names(client, "/san-pham/?q=%22%27%2A%28%29+che+-%3A+NOT") == ["Chè Nọt Sìn"]


def test_the_english_page_says_the_same_in_english(client):
    tea = product("Chè Shan tuyết Tả Ngảo")
    html = client.get("/en/san-pham/?q=che+ta+ngao").content.decode()
    assert '<html lang="en">' in html
    assert "Valid until 04/05/2027" in html
    assert f'href="/en{tea.get_public_url()}">Chè Shan tuyết Tả Ngảo</a>' in html


def test_the_index_follows_every_write_at_once(client, sample):
    tea = product("Chè Shan tuyết")
    tea.name = "Chè Shan tuyết Tả Ngảo"
    tea.save()
    assert names(client, "/san-pham/?q=ta+ngao") == ["Chè Shan tuyết Tả Ngảo"]
    producer = tea.producer
    producer.name = "Hợp tác xã Sâm Lai Châu"
    producer.save()
    assert "Chè Shan tuyết Tả Ngảo" in names(client, "/san-pham/?q=sam+lai+chau")
    Product.objects.filter(pk=tea.pk).delete()
    assert "Chè Shan tuyết Tả Ngảo" not in names(client, "/san-pham/?q=ta+ngao")
    assert fulltext.stale_products() == 0


def test_a_product_added_by_the_importer_is_found_at_once(client, sample):
    assert "Đông trùng hạ thảo Khun Há" in names(client, "/san-pham/?q=dong+trung+khun")
    assert fulltext.stale_products() == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL searches its own tables")
def test_the_index_is_refilled_when_its_triggers_were_lost(client):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER catalog_search_insert")
    product("Chè Shan tuyết Tả Ngảo")
    assert fulltext.stale_products() == 1
    assert fulltext.install() is True
    assert fulltext.stale_products() == 0
    assert names(client, "/san-pham/?q=ta+ngao") == ["Chè Shan tuyết Tả Ngảo"]
