"""Public pages kept once computed (ocop.shared.freshness, standings, kept_pages): never a stale
verdict. Every kind of write to the registry (a save, a queryset update, raw SQL, a delete, a
photo, a rolled-back transaction) shows on the very next page load, and so does the next day;
checks are still counted when the page is kept."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.utils import timezone

from ocop.catalog import fulltext
from ocop.catalog.models import ScanCount
from ocop.catalog.product_search import Criteria, search
from ocop.catalog.standings import standings
from ocop.registry.models import Decision, Product
from ocop.shared import freshness
from tests.factories import make_decision, make_product

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 10)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    day = {"today": TODAY}
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day["today"])
    return day


@pytest.fixture
def tea():
    return make_decision(make_product("Chè Shan tuyết Tả Ngảo"), date(2024, 5, 4), stars=4)


def html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def pages(tea) -> dict[str, str]:
    product = tea.product
    return {
        "verify": f"/xac-minh/{tea.public_code}/",
        "product": product.get_public_url(),
        "search": "/san-pham/?q=che+shan+tuyet&tinh_trang=tat-ca",
    }


def test_a_revocation_saved_shows_on_the_next_load_of_every_page(client, tea):
    urls = pages(tea)
    for url in urls.values():
        assert "Còn hiệu lực đến hết ngày 04/05/2027" in html(client, url)
        assert "Còn hiệu lực đến hết ngày 04/05/2027" in html(client, url)  # kept
    tea.revoked_on = date(2025, 9, 15)
    tea.revocation_reason = "Không duy trì chất lượng"
    tea.save()
    for url in urls.values():
        assert "Đã bị thu hồi ngày 15/09/2025" in html(client, url)


@pytest.mark.parametrize("how", ["update", "raw", "delete"])
def test_writes_that_skip_save_move_the_registry_version(client, tea, how):
    url = pages(tea)["verify"]
    assert "Còn hiệu lực" in html(client, url)
    before = freshness.token()
    if how == "update":
        Decision.objects.filter(pk=tea.pk).update(revoked_on=date(2025, 9, 15))
        expected = "Đã bị thu hồi ngày 15/09/2025"
    elif how == "raw":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE registry_decision SET revoked_on = %s WHERE id = %s",
                [date(2025, 9, 15), tea.pk],
            )
        expected = "Đã bị thu hồi ngày 15/09/2025"
    else:
        Product.objects.filter(pk=tea.product_id).delete()
        expected = "Không tìm thấy"
    assert freshness.token() != before
    response = client.get(url)
    assert expected in response.content.decode()


def test_a_new_decision_moves_the_search_counts_at_once(client, tea):
    criteria = Criteria(q="che shan")
    assert search(criteria, TODAY).total == 1
    make_decision(make_product("Chè Shan tuyết Sì Thâu Chải"), date(2025, 2, 1), stars=3)
    assert search(criteria, TODAY).total == 2
    assert "Chè Shan tuyết Sì Thâu Chải" in html(client, "/san-pham/?q=che+shan")


def test_a_rolled_back_write_leaves_the_pages_as_they_were(client, tea):
    url = pages(tea)["product"]
    assert "Còn hiệu lực" in html(client, url)
    with pytest.raises(RuntimeError), transaction.atomic():
        Decision.objects.filter(pk=tea.pk).update(revoked_on=date(2025, 9, 15))
        assert "Đã bị thu hồi" in html(client, url)  # the writer sees its own write
        raise RuntimeError("roll back")
    assert "Còn hiệu lực đến hết ngày 04/05/2027" in html(client, url)


def test_the_verdict_moves_at_midnight(client, today):
    last_day = make_decision(make_product("Mật ong bạc hà"), date(2023, 1, 10))
    url = f"/xac-minh/{last_day.public_code}/"
    assert "Còn hiệu lực đến hết ngày 10/01/2026" in html(client, url)
    today["today"] = date(2026, 1, 11)
    assert "Hết hiệu lực từ ngày 11/01/2026" in html(client, url)
    assert search(Criteria(q="mat ong", status="con-hieu-luc"), date(2026, 1, 11)).total == 0


def test_every_check_is_counted_though_the_page_is_kept(client, tea):
    url = pages(tea)["verify"]
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    client.get(url)
    assert again.status_code == 304
    assert ScanCount.objects.get(decision=tea, day=TODAY).count == 3
    assert "no-cache" in first["Cache-Control"]


def test_counting_checks_does_not_move_the_registry_version(client, tea):
    url = pages(tea)["verify"]
    client.get(url)
    before = freshness.token()
    client.get(url)
    assert freshness.token() == before


def test_a_new_photo_moves_the_registry_version(tea):
    from ocop.catalog.models import ProductPhoto

    before = freshness.token()
    ProductPhoto.objects.create(product=tea.product, image="san-pham/x.jpg", alt="Hộp chè")
    assert freshness.token() != before


def test_the_standings_agree_with_the_registry_status_sql(tea):
    make_decision(make_product("Chè cũ"), date(2019, 5, 4), stars=3)
    make_decision(make_product("Chè thu hồi"), date(2024, 1, 4), revoked_on=date(2025, 1, 1))
    kept = standings(TODAY)
    rows = Decision.objects.with_product_status(TODAY).values_list(
        "product", "product_status", "counted_stars"
    )
    assert {pk: (s, stars) for pk, s, stars in rows} == {
        pk: (row[1], row[2]) for pk, row in kept.rows.items()
    }


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite drops triggers on rebuilds")
def test_lost_triggers_are_put_back_and_the_version_moves(client, tea):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER catalog_change_registry_decision_update")
    assert freshness.missing_triggers() == ["catalog_change_registry_decision_update"]
    before = freshness.token()
    freshness.install()
    assert freshness.missing_triggers() == [] and freshness.token() != before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL searches its own tables")
def test_refilling_the_text_index_moves_the_registry_version(tea):
    before = freshness.token()
    fulltext.rebuild()
    assert freshness.token() != before


def test_a_product_page_outlives_other_products_writes_not_its_own(client, tea, monkeypatch):
    from ocop.catalog import pages
    from ocop.catalog.models import PointOfSale
    from ocop.registry.models import Unit

    rendered = []
    real = pages.render
    monkeypatch.setattr(pages, "render", lambda *a, **k: rendered.append(1) or real(*a, **k))
    url = tea.product.get_public_url()
    other = make_decision(make_product("Mật ong bạc hà"), date(2024, 5, 4), stars=3)
    html(client, url)
    Decision.objects.filter(pk=other.pk).update(revoked_on=date(2025, 9, 15))
    html(client, url)
    assert len(rendered) == 1  # another product's revocation: the page is still right
    writes = [
        lambda: Decision.objects.filter(pk=tea.pk).update(stars=5),
        lambda: PointOfSale.objects.create(producer=tea.product.producer, name="Cửa hàng mới"),
        lambda: Product.objects.filter(pk=tea.product_id).update(description="Mô tả mới"),
        lambda: Unit.objects.filter(pk=tea.product.unit_id).update(name="Nậm Sỏ mới"),
    ]
    for number, write in enumerate(writes, start=2):
        write()
        html(client, url)
        assert len(rendered) == number


@pytest.fixture
def search_renders(monkeypatch) -> list:
    """One entry per search page rendered (not answered from the kept pages)."""
    from ocop.catalog import views_search

    rendered = []
    real = views_search.render
    monkeypatch.setattr(views_search, "render", lambda *a, **k: rendered.append(1) or real(*a, **k))
    return rendered


def test_a_search_page_outlives_the_save_of_a_product_it_does_not_show(client, tea, search_renders):
    honey = make_decision(make_product("Mật ong bạc hà"), date(2024, 5, 4), stars=3)
    url = "/san-pham/?q=che+shan"
    html(client, url)
    Product.objects.filter(pk=honey.product_id).update(description="Mô tả mới")
    Decision.objects.filter(pk=honey.pk).update(stars=4)
    assert "Chè Shan tuyết Tả Ngảo" in html(client, url)
    assert len(search_renders) == 1


def test_a_search_page_is_rendered_again_when_a_product_it_shows_is_saved(
    client, tea, search_renders
):
    url = "/san-pham/?q=che+shan"
    html(client, url)
    Product.objects.filter(pk=tea.product_id).update(name="Chè Shan tuyết cổ thụ Tả Ngảo")
    assert "Chè Shan tuyết cổ thụ Tả Ngảo" in html(client, url)
    assert len(search_renders) == 2


def test_a_search_page_is_rendered_again_when_its_counts_move(client, tea, search_renders):
    """The other tea is counted under "valid" but not listed among the expired: its
    revocation moves the page's counts, not its list."""
    make_decision(make_product("Chè xanh Sìn Hồ"), date(2020, 1, 6), stars=3)  # expired
    other = make_decision(make_product("Chè búp Phong Thổ"), date(2024, 6, 1), stars=3)
    url = "/san-pham/?q=che&tinh_trang=het-han"
    page = html(client, url)
    assert "Chè xanh Sìn Hồ" in page and "Chè búp Phong Thổ" not in page
    assert 'Đã bị thu hồi <span class="count">(0)</span>' in page
    Decision.objects.filter(pk=other.pk).update(
        revoked_on=date(2025, 9, 15), revocation_reason="Không duy trì chất lượng"
    )
    page = html(client, url)
    assert 'Đã bị thu hồi <span class="count">(1)</span>' in page
    assert len(search_renders) == 2


def test_a_search_page_is_rendered_again_when_a_commune_is_renamed(client, tea, search_renders):
    from ocop.registry.models import Unit

    url = "/san-pham/?q=che+shan"
    html(client, url)
    Unit.objects.filter(pk=tea.product.unit_id).update(name="Xã Tả Ngảo mới")
    assert "Xã Tả Ngảo mới" in html(client, url)
    assert len(search_renders) == 2


def test_the_products_token_is_none_once_the_registry_has_moved(tea):
    version = freshness.token()
    before = freshness.products_token([tea.product_id], version)
    assert before is not None
    assert freshness.products_token([tea.product_id], version) == before
    make_decision(make_product("Mật ong bạc hà"), date(2024, 5, 4), stars=3)
    assert freshness.products_token([tea.product_id], version) is None
    now = freshness.token()
    assert freshness.products_token([tea.product_id], now) == before  # not tea's write


def test_a_search_page_is_not_searched_again_after_a_write_to_a_product_it_does_not_match(
    client, tea, monkeypatch
):
    from ocop.catalog import views_search

    searches = []
    real = views_search.search
    monkeypatch.setattr(views_search, "search", lambda *a: searches.append(1) or real(*a))
    honey = make_decision(make_product("Mật ong bạc hà"), date(2024, 5, 4), stars=3)
    url = "/san-pham/?q=che+shan"
    html(client, url)
    Product.objects.filter(pk=honey.product_id).update(name="Mật ong rừng")
    assert "Chè Shan tuyết Tả Ngảo" in html(client, url)
    assert len(searches) == 1
    Product.objects.filter(pk=honey.product_id).update(name="Mật ong chè shan")  # now matches
    assert "Mật ong chè shan" in html(client, url)
    assert len(searches) == 2
