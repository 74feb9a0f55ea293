"""The workspace home (/lam-viec/): what needs doing today, for the signed-in role, in the
user's province; a commune officer's own commune comes first and is marked."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ocop.catalog.models import MisuseReport
from ocop.domain.dates import format_date
from ocop.domain.validity import last_valid_day
from ocop.imports.models import ImportRun
from ocop.registry.models import Province
from tests.factories import make_decision, make_producer, make_product
from tests.quality_cast import other_province_twins
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

HOME = "/lam-viec/"


def decided_to_end_in(days: int) -> date:
    """A decision date whose recognition runs out `days` from today."""
    today = timezone.localdate()
    day = today.replace(year=today.year - 3) + timedelta(days=days)
    while last_valid_day(day) < today + timedelta(days=days):
        day += timedelta(days=1)
    return day


def expiring_products():
    soon = make_product("Chè Shan tuyết Nậm Sỏ")
    make_decision(soon, decided_on=decided_to_end_in(10))
    later = make_product("Gạo Séng Cù Tân Uyên", make_producer("HTX Tân Uyên", "Tân Uyên"))
    make_decision(later, decided_on=decided_to_end_in(60))
    renewed = make_product("Mật ong Nậm Sỏ")
    make_decision(renewed, decided_on=decided_to_end_in(20))
    make_decision(renewed, decided_on=timezone.localdate() - timedelta(days=5))
    return soon, later


def page_of(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_an_officer_sees_what_runs_out_in_30_and_90_days(client):
    expiring_products()
    far, _ = other_province_twins()
    make_decision(far.products.get(), decided_on=decided_to_end_in(15), number="10/QĐ-UBND")

    page = page_of(client, make_staff("officer"))

    assert '<span class="n">1</span> sản phẩm trong 30 ngày tới' in page
    assert '<span class="n">2</span> sản phẩm trong 90 ngày tới' in page
    assert "Chè Shan tuyết Nậm Sỏ" in page and "Gạo Séng Cù Tân Uyên" in page
    assert "Mật ong Nậm Sỏ" not in page  # renewed in time
    assert "Trà sen Tây Hồ" not in page
    assert page.index("Chè Shan tuyết") < page.index("Gạo Séng Cù")  # soonest first


def test_the_last_valid_day_is_written_dd_mm_yyyy(client):
    product = make_product()
    decision = make_decision(product, decided_on=decided_to_end_in(10))

    page = page_of(client, make_staff("officer"))

    assert format_date(decision.last_valid_day) in page


def test_a_commune_officer_sees_their_commune_first_and_marked(client):
    expiring_products()

    page = page_of(client, make_staff("commune", commune="Tân Uyên"))

    assert "(xã của bạn: 1)" in page
    assert page.index("Gạo Séng Cù") < page.index("Chè Shan tuyết")
    assert 'class="own-row"' in page and "xã của bạn</span>" in page


@pytest.mark.parametrize("role", ["commune", "viewer"])
def test_panels_only_for_what_the_role_may_act_on(client, role):
    page = page_of(client, make_staff(role))

    assert "Sắp hết hạn công nhận" in page
    assert "Chất lượng dữ liệu" not in page
    assert "Phản ánh sử dụng sai nhãn" not in page
    assert "Các lần nhập gần đây" not in page


def test_an_officer_sees_quality_counts_new_reports_and_last_imports(client):
    make_decision(number="")
    MisuseReport.objects.create(
        place="Chợ Lai Châu", description="Dán nhãn OCOP giả", photo="a.jpg"
    )
    MisuseReport.objects.create(place="Chợ", description="Đã xem", photo="b.jpg", status="seen")
    now = timezone.now()
    ImportRun.objects.create(
        started_at=now, finished_at=now, file_name="danh-sach-2025.xlsx", sha256="0",
        status=ImportRun.Status.APPLIED, province=Province.objects.get(code="12"),
        warnings_count=2,
    )  # fmt: skip
    ImportRun.objects.create(
        started_at=now, finished_at=now, file_name="ha-noi.xlsx", sha256="0",
        status=ImportRun.Status.APPLIED, province=Province.objects.get(code="01"),
    )  # fmt: skip

    page = page_of(client, make_staff("officer"))

    assert "1 quyết định thiếu số" in page
    assert '<span class="big">1</span> phản ánh mới' in page
    assert "danh-sach-2025.xlsx" in page and "2 cảnh báo" in page
    assert "ha-noi.xlsx" not in page


def test_a_report_about_another_provinces_code_is_not_this_provinces(client):
    far, _ = other_province_twins()
    code = far.products.get().decisions.get().public_code
    MisuseReport.objects.create(place="Hà Nội", description="Nhãn giả", photo="a.jpg", code=code)

    page = page_of(client, make_staff("officer"))

    assert '<span class="big">0</span> phản ánh mới' in page


def test_dossiers_waiting_are_counted_by_step_with_the_commune_officers_share(client):
    from ocop.domain.dossier_flow import State
    from tests.dossier_cast import dossier_at

    dossier_at(State.REGISTERED)
    dossier_at(State.SCORED, make_product("Gạo Séng Cù", make_producer("HTX Tân Uyên", "Tân Uyên")))
    dossier_at(State.DECIDED, make_product("Mật ong Nậm Sỏ"))

    officer_page = page_of(client, make_staff("officer"))
    assert "Đã đăng ký: 1 hồ sơ" in officer_page
    assert "Tỉnh đã chấm điểm: 1 hồ sơ" in officer_page
    assert "Xã đã đánh giá: 0 hồ sơ" in officer_page
    assert "Đã có quyết định" not in officer_page  # closed dossiers wait for nobody

    commune_page = page_of(client, make_staff("commune", username="xa"))  # Nậm Sỏ
    registered = commune_page.split("Đã đăng ký: 1 hồ sơ", 1)[1]
    assert registered.removeprefix("</a> ").startswith('<span class="own">(xã của bạn: 1)')
    scored = commune_page.split("Tỉnh đã chấm điểm: 1 hồ sơ", 1)[1]
    assert scored.removeprefix("</a> ").startswith('<span class="own">(xã của bạn: 0)')


def test_another_provinces_dossiers_are_not_counted(client):
    from ocop.domain.dossier_flow import State
    from tests.dossier_cast import dossier_at

    dossier_at(State.REGISTERED)
    other = make_staff("officer", province=Province.objects.get(code="01"), username="hn")

    assert "Đã đăng ký: 0 hồ sơ" in page_of(client, other)
