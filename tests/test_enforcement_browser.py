"""Enforcement in a real browser: an officer revokes a recognition and the public verification
page says so; a misuse report from the inbox becomes an inspection with its findings; every
page passes axe at 360 px (a phone) and 1366 px (the department's laptops), with screenshots
in test-artifacts/."""

from datetime import date

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from ocop.catalog.models import MisuseReport
from ocop.enforcement.models import Inspection, Revocation, Triage
from tests.browser_checks import PageChecker
from tests.enforcement_cast import commune_officer, jpeg_with_gps, tea_decision
from tests.staff import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def make_report(code="") -> MisuseReport:
    report = MisuseReport(
        place="Chợ Tam Đường", description="Bao bì in nhãn OCOP 5 sao", product="Chè", code=code
    )
    report.photo.save("anh.jpg", SimpleUploadedFile("anh.jpg", jpeg_with_gps()), save=False)
    report.save()
    return report


def test_an_officer_revokes_and_the_verdict_page_says_so(page, live_server):
    decision = tea_decision()
    commune_officer()
    sign_in(page, live_server, make_staff("officer"))
    checker = PageChecker(page, 1366)
    today = timezone.localdate()

    checker.visit(live_server.url + "/lam-viec/", "e-ban-lam-viec")
    page.get_by_role("link", name="Thu hồi", exact=True).click()
    page.get_by_label("Tìm quyết định công nhận").fill("che shan")
    page.get_by_role("button", name="Tìm").click()
    checker.check("e-thu-hoi-tim")
    page.get_by_role("link", name=f"Ghi thu hồi quyết định {decision.number}").click()
    page.get_by_label("Số quyết định thu hồi").fill("15/QĐ-UBND")
    page.get_by_label("Ngày thu hồi").fill(today.strftime("%d/%m/%Y"))
    page.get_by_label("Vi phạm quy định về an toàn thực phẩm").check()
    page.get_by_label("Nội dung").fill("Mẫu kiểm nghiệm vượt ngưỡng")
    checker.check("e-ghi-thu-hoi")
    page.get_by_role("button", name="Ghi thu hồi").click()
    page.wait_for_url("**/lam-viec/thu-hoi/*/")
    assert "Đã ghi quyết định thu hồi 15/QĐ-UBND" in page.inner_text("main")
    checker.check("e-thu-hoi")

    page.get_by_role("link", name=decision.public_code).click()
    page.wait_for_url(f"**/xac-minh/{decision.public_code}/")
    text = page.inner_text("main")
    assert f"Đã bị thu hồi ngày {today:%d/%m/%Y}" in text
    assert "Vi phạm quy định về an toàn thực phẩm: Mẫu kiểm nghiệm vượt ngưỡng" in text

    page.go_back()
    page.get_by_label("Lý do hủy thu hồi").fill("Ghi nhầm sản phẩm")
    page.get_by_role("button", name="Hủy thu hồi").click()
    page.wait_for_url("**/lam-viec/thu-hoi/*/")
    assert "Đã hủy thu hồi" in page.inner_text("main")
    assert Revocation.objects.get().undone_at is not None
    page.goto(f"{live_server.url}/xac-minh/{decision.public_code}/")
    assert "Còn hiệu lực đến hết ngày 04/05/2027" in page.inner_text("main")


def test_a_report_becomes_an_inspection_with_findings(page, live_server):
    decision = tea_decision()
    make_report(code=decision.public_code)
    sign_in(page, live_server, make_staff("officer"))
    checker = PageChecker(page, 1366)

    page.goto(live_server.url + "/lam-viec/")
    page.get_by_role("link", name="Xem các phản ánh mới").click()
    page.wait_for_url("**/lam-viec/phan-anh/")
    checker.check("e-phan-anh")
    page.get_by_role("link", name="PA-").first.click()
    checker.check("e-phan-anh-chi-tiet")
    page.get_by_role("link", name="Mở lần kiểm tra từ phản ánh này").click()
    assert page.get_by_label("Sản phẩm trong sổ").input_value() == decision.public_code
    page.get_by_label("Xã/phường").select_option(label="Xã Nậm Sỏ")
    page.get_by_label("Ghi hạng sao cao hơn được công nhận").check()
    page.get_by_label("Ảnh chụp").set_input_files(
        [{"name": "IMG_1.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}]
    )
    checker.check("e-kiem-tra-moi")
    page.get_by_role("button", name="Ghi lần kiểm tra").click()
    page.wait_for_url("**/lam-viec/kiem-tra/*/")
    assert "Ghi hạng sao cao hơn được công nhận" in page.inner_text("main")
    page.get_by_label("Biện pháp xử lý").fill("Yêu cầu gỡ nhãn 5 sao")
    page.get_by_role("button", name="Ghi xử lý").click()
    page.wait_for_url("**/lam-viec/kiem-tra/*/")
    assert "Yêu cầu gỡ nhãn 5 sao" in page.inner_text("main")
    checker.check("e-kiem-tra")
    inspection = Inspection.objects.get()
    assert inspection.product == decision.product and inspection.action == "Yêu cầu gỡ nhãn 5 sao"
    assert Triage.objects.get().inspection == inspection

    page.get_by_role("navigation", name="Bàn làm việc").get_by_role(
        "link", name="Kiểm tra nhãn OCOP"
    ).click()
    page.get_by_role("link", name="Tổng hợp theo năm").click()
    assert "1 lần kiểm tra" in page.inner_text("main")
    checker.check("e-tong-hop")


@pytest.mark.parametrize("width", [360, 1366])
def test_every_enforcement_page_passes_axe(page, live_server, width):
    decision = tea_decision()
    other = make_report()
    officer = make_staff("officer")
    sign_in(page, live_server, officer)
    client = Client()
    client.force_login(officer)
    client.post(f"/lam-viec/thu-hoi/quyet-dinh/{decision.pk}/", {
        "number": "15/QĐ-UBND", "revoked_on": timezone.localdate().strftime("%d/%m/%Y"),
        "issuer": "UBND tỉnh Lai Châu", "ground": "quality",
    })  # fmt: skip
    client.post(
        f"/lam-viec/kiem-tra/them/?phan-anh={other.pk}",
        {"unit": decision.product.unit_id, "inspected_on": f"{date.today():%d/%m/%Y}",
         "place": "Chợ", "unlisted_name": "Mật ong", "kinds": ["unrecognised", "altered_logo"]},
    )  # fmt: skip
    make_report()
    inspection, revocation = Inspection.objects.get(), Revocation.objects.get()
    pages = {
        "e-thu-hoi-ds": "/lam-viec/thu-hoi/?tim=che",
        "e-thu-hoi-form-da": f"/lam-viec/thu-hoi/quyet-dinh/{decision.pk}/",
        "e-thu-hoi-ct": f"/lam-viec/thu-hoi/{revocation.pk}/",
        "e-kiem-tra-ds": "/lam-viec/kiem-tra/",
        "e-kiem-tra-form": "/lam-viec/kiem-tra/them/",
        "e-kiem-tra-ct": f"/lam-viec/kiem-tra/{inspection.pk}/",
        "e-kiem-tra-sua": f"/lam-viec/kiem-tra/{inspection.pk}/sua/",
        "e-tong-hop": "/lam-viec/kiem-tra/tong-hop/",
        "e-phan-anh-moi": "/lam-viec/phan-anh/",
        "e-phan-anh-da": "/lam-viec/phan-anh/?xem=da-xu-ly",
        "e-phan-anh-ct": f"/lam-viec/phan-anh/{other.pk}/",
    }
    checker = PageChecker(page, width)
    for name, path in pages.items():
        checker.visit(live_server.url + path, name)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width} px"


def test_a_commune_officer_records_an_inspection_on_a_phone(page, live_server):
    sign_in(page, live_server, commune_officer())
    checker = PageChecker(page, 360)
    checker.visit(live_server.url + "/lam-viec/kiem-tra/", "e-kiem-tra-xa")
    page.get_by_role("link", name="Ghi lần kiểm tra").click()
    page.get_by_label("Địa điểm").fill("Cửa hàng tạp hóa bản Nậm Sỏ")
    page.get_by_label("Hoặc: tên sản phẩm không có trong sổ").fill("Mật ong rừng")
    page.get_by_label("Sản phẩm chưa được công nhận OCOP").check()
    checker.check("e-kiem-tra-form-xa")
    page.get_by_role("button", name="Ghi lần kiểm tra").click()
    page.wait_for_url("**/lam-viec/kiem-tra/*/")
    assert Inspection.objects.get().unit.name == "Nậm Sỏ"
    checker.check("e-kiem-tra-ct-xa")
