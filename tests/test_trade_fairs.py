"""Trade fairs: entered in the back office (/lam-viec/hoi-cho/) by the department anywhere and
by a commune officer for their commune, shown on the public product pages at once."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from ocop.registry.models import Province, Unit
from ocop.shared import freshness
from ocop.trade.models import TradeFair
from tests.factories import make_decision, make_producer, make_product
from tests.staff import OTHER_COMMUNE, make_staff

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 10)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


@pytest.fixture
def tea():
    return make_decision(make_product(), date(2024, 5, 4), stars=4).product


@pytest.fixture
def rice():
    producer = make_producer("HTX Gạo Tân Uyên", OTHER_COMMUNE)
    return make_decision(make_product("Gạo Séng Cù", producer=producer), date(2024, 1, 2)).product


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def fair(products, starts_on, ends_on=None, unit=None, **fields) -> TradeFair:
    made = TradeFair.objects.create(
        name=fields.pop("name", "Hội chợ OCOP"),
        place=fields.pop("place", "Quảng trường tỉnh"),
        starts_on=starts_on,
        ends_on=ends_on or starts_on,
        province=Province.objects.get(code="12"),
        unit=unit,
        **fields,
    )
    made.products.set(products)
    return made


def form(shown, **fields) -> dict:
    return {
        "name": "Tuần hàng OCOP Lai Châu",
        "place": "Nhà văn hoá tỉnh, phường Tân Phong",
        "starts_on": "20/01/2026",
        "ends_on": "25/01/2026",
        "url": "",
        "products": [p.pk for p in shown],
        **fields,
    }


def test_a_fair_added_shows_on_the_product_page_at_once(client, tea):
    url = tea.get_public_url()
    assert "Hội chợ, triển lãm" not in client.get(url).content.decode()
    client.get(url)  # kept

    fair([tea], date(2026, 1, 20), date(2026, 1, 25), name="Tuần hàng OCOP Tết")

    page = client.get(url).content.decode()
    assert "Tuần hàng OCOP Tết" in page and "Sắp diễn ra" in page
    assert "Từ 20/01/2026 đến 25/01/2026" in page


def test_a_product_added_to_a_fair_later_shows_at_once(client, tea, rice):
    shown = fair([rice], date(2026, 1, 20), name="Hội chợ nông sản")
    client.get(tea.get_public_url())

    shown.products.add(tea)

    assert "Hội chợ nông sản" in client.get(tea.get_public_url()).content.decode()


def test_the_page_shows_upcoming_and_recent_fairs_not_old_ones(client, tea):
    fair([tea], TODAY + timedelta(days=30), name="Sắp tới")
    fair([tea], TODAY - timedelta(days=1), TODAY + timedelta(days=1), name="Đang diễn ra")
    fair([tea], date(2025, 6, 1), name="Năm ngoái")
    fair([tea], date(2024, 6, 1), name="Đã lâu")

    page = client.get(tea.get_public_url()).content.decode()
    english = client.get(f"/en{tea.get_public_url()}").content.decode()

    upcoming, recent = page.split("Sắp diễn ra")[1].split("Đã diễn ra gần đây")
    assert upcoming.index("Đang diễn ra") < upcoming.index("Sắp tới")
    assert "Năm ngoái" in recent and "Ngày 01/06/2025" in recent
    assert "Đã lâu" not in page
    assert "Coming up" in english and "Recently held" in english and "On 01/06/2025" in english


def test_the_fair_tables_are_watched_by_the_page_cache():
    assert {"trade_tradefair", "trade_tradefair_products"} <= set(freshness.WATCHED)
    assert freshness.missing_triggers() == []


def test_the_department_adds_a_fair_with_products_of_any_commune(tea, rice):
    client = as_user(make_staff("officer"))

    response = client.post("/lam-viec/hoi-cho/them/", form([tea, rice]))

    assert response.status_code == 302
    saved = TradeFair.objects.get()
    assert saved.unit is None and saved.starts_on == date(2026, 1, 20)
    assert set(saved.products.all()) == {tea, rice}
    assert "Tuần hàng OCOP Lai Châu" in client.get("/lam-viec/hoi-cho/").content.decode()


def test_a_commune_officer_adds_a_fair_of_their_commune_with_its_products(tea, rice):
    client = as_user(make_staff("commune"))

    page = client.get("/lam-viec/hoi-cho/them/").content.decode()
    response = client.post("/lam-viec/hoi-cho/them/", form([tea]))

    assert tea.name in page and rice.name not in page
    assert response.status_code == 302
    assert TradeFair.objects.get().unit == Unit.objects.get(province__code="12", name="Nậm Sỏ")


def test_a_commune_officer_cannot_show_another_communes_product(tea, rice):
    client = as_user(make_staff("commune"))

    response = client.post("/lam-viec/hoi-cho/them/", form([tea, rice]))

    assert response.status_code == 400
    assert not TradeFair.objects.exists()


def test_a_commune_officer_keeps_only_their_communes_fairs(tea, rice):
    own = fair([tea], date(2026, 2, 1), unit=tea.unit, name="Phiên chợ Nậm Sỏ")
    department = fair([tea], date(2026, 3, 1), name="Hội chợ của Sở")
    other = fair([rice], date(2026, 3, 1), unit=rice.unit, name="Phiên chợ Tân Uyên")
    client = as_user(make_staff("commune"))

    listing = client.get("/lam-viec/hoi-cho/").content.decode()

    assert f'href="/lam-viec/hoi-cho/{own.pk}/"' in listing
    assert f'href="/lam-viec/hoi-cho/{department.pk}/"' not in listing
    for refused in (department, other):
        assert client.get(f"/lam-viec/hoi-cho/{refused.pk}/").status_code == 403
        assert client.post(f"/lam-viec/hoi-cho/{refused.pk}/xoa/").status_code == 403
    assert (
        client.post(f"/lam-viec/hoi-cho/{own.pk}/", form([tea], name="Đổi tên")).status_code == 302
    )
    own.refresh_from_db()
    assert own.name == "Đổi tên" and TradeFair.objects.count() == 3


def test_a_viewer_reads_the_fairs_but_adds_none(tea):
    client = as_user(make_staff("viewer"))

    assert client.get("/lam-viec/hoi-cho/").status_code == 200
    assert client.get("/lam-viec/hoi-cho/them/").status_code == 403
    assert client.post("/lam-viec/hoi-cho/them/", form([tea])).status_code == 403


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"starts_on": "31/02/2026"}, "Ngày không hợp lệ"),
        ({"ends_on": "10/01/2026"}, "Ngày kết thúc trước ngày bắt đầu"),
        ({"name": ""}, "Vui lòng nhập tên hội chợ, triển lãm."),
        ({"products": []}, "Chọn ít nhất một sản phẩm trưng bày."),
        ({"url": "không phải địa chỉ"}, "Địa chỉ trang thông tin chưa đúng"),
    ],
)
def test_bad_input_is_named_in_vietnamese(tea, fields, message):
    response = as_user(make_staff("officer")).post("/lam-viec/hoi-cho/them/", form([tea], **fields))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not TradeFair.objects.exists()


def test_a_removed_fair_leaves_the_product_page_at_once(client, tea):
    shown = fair([tea], date(2026, 1, 20), name="Hội chợ bị huỷ")
    assert "Hội chợ bị huỷ" in client.get(tea.get_public_url()).content.decode()

    as_user(make_staff("officer")).post(f"/lam-viec/hoi-cho/{shown.pk}/xoa/")

    assert not TradeFair.objects.exists()
    assert "Hội chợ bị huỷ" not in client.get(tea.get_public_url()).content.decode()
