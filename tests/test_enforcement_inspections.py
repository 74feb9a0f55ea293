"""Logo-use inspections (/lam-viec/kiem-tra/): recording with findings and cleaned photos,
follow-up with who and when, the misuse inbox's triage both ways, the yearly findings table."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from ocop.catalog.models import MisuseReport
from ocop.domain.inspections import FindingKind
from ocop.enforcement.models import Finding, Inspection, InspectionPhoto, Triage
from tests.enforcement_cast import TODAY, commune_officer, jpeg_with_gps, tea_decision
from tests.staff import make_staff

pytestmark = pytest.mark.django_db
NEW = "/lam-viec/kiem-tra/them/"


@pytest.fixture(autouse=True)
def today(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def officer(client):
    client.force_login(make_staff("officer"))
    return client


def unit_id(name="Nậm Sỏ"):
    from tests.factories import unit

    return unit(name).pk


def inspection_post(client, url=NEW, **fields):
    data = {
        "unit": unit_id(),
        "inspected_on": "08/01/2026",
        "place": "Chợ trung tâm xã Nậm Sỏ",
        "kinds": [FindingKind.AFTER_EXPIRY.value, FindingKind.WRONG_STARS.value],
        "note": "Bao bì in 5 sao",
        **fields,
    }
    return client.post(url, data)


def make_report(**fields) -> MisuseReport:
    report = MisuseReport(place="Chợ Tam Đường", description="Bao bì in nhãn OCOP 5 sao", **fields)
    report.photo.save("anh.jpg", SimpleUploadedFile("anh.jpg", jpeg_with_gps()), save=False)
    report.save()
    return report


def test_it_records_an_inspection_of_a_listed_product_by_its_code(officer):
    decision = tea_decision()
    photo = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), "image/jpeg")
    response = inspection_post(officer, product=decision.public_code.lower(), photos=[photo])
    inspection = Inspection.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/lam-viec/kiem-tra/{inspection.pk}/"
    )
    assert inspection.product == decision.product and inspection.unlisted_name == ""
    assert inspection.kinds == [FindingKind.AFTER_EXPIRY, FindingKind.WRONG_STARS]
    assert inspection.recorded_by.username.startswith("officer")
    stored = InspectionPhoto.objects.get()
    assert stored.image.name.startswith("kiem-tra/") and "IMG" not in stored.image.name
    with Image.open(stored.image.path) as image:
        assert 0x8825 not in image.getexif()
    html = officer.get(inspection.get_absolute_url()).content.decode()
    assert "Ghi hạng sao cao hơn được công nhận" in html and "Còn hiệu lực" in html
    served = officer.get(f"/lam-viec/kiem-tra/anh/{stored.pk}/")
    assert served["Content-Type"] == "image/jpeg" and served["Cache-Control"] == "private, no-store"


def test_it_records_an_unlisted_product_and_refuses_neither(officer):
    refused = inspection_post(officer)
    assert refused.status_code == 400
    assert (
        "Chọn sản phẩm trong sổ, hoặc ghi tên sản phẩm không có trong sổ."
        in refused.content.decode()
    )
    assert inspection_post(
        officer, unlisted_name="Mật ong rừng", unlisted_producer="Cơ sở Lò Văn A",
        kinds=[FindingKind.UNRECOGNISED.value],
    ).status_code == 302  # fmt: skip
    inspection = Inspection.objects.get()
    assert inspection.product_name == "Mật ong rừng" and inspection.kinds == [
        FindingKind.UNRECOGNISED
    ]


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"product": "ZZZZ-ZZZZ"}, "Không có sản phẩm nào của tỉnh mang mã ZZZZ-ZZZZ."),
        ({"product": "cà phê"}, "Không tìm thấy sản phẩm “cà phê” trong sổ."),
        (
            {"unlisted_name": "X", "inspected_on": "11/01/2026"},
            "Ngày kiểm tra không được sau hôm nay.",
        ),
        ({"unlisted_name": "X", "inspected_on": "1/13/2026"}, "Ngày không hợp lệ"),
        (
            {"unlisted_name": "X", "kinds": ["bogus"]},
            "Loại vi phạm “bogus” không có trong danh sách.",
        ),
    ],
)
def test_it_says_what_is_wrong_with_an_inspection(officer, fields, said):
    response = inspection_post(officer, **fields)
    assert response.status_code == 400
    assert said in response.content.decode()
    assert not Inspection.objects.exists()


def test_a_photo_that_is_not_a_photo_is_refused_and_nothing_is_written(officer):
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image", "image/jpeg")
    response = inspection_post(officer, unlisted_name="Mật ong", photos=[fake])
    assert response.status_code == 400
    assert "Ảnh “anh.jpg”" in response.content.decode()
    assert not Inspection.objects.exists() and not InspectionPhoto.objects.exists()


def test_editing_changes_the_findings_exactly(officer):
    inspection_post(officer, unlisted_name="Mật ong")
    inspection = Inspection.objects.get()
    url = f"/lam-viec/kiem-tra/{inspection.pk}/sua/"
    assert officer.get(url).status_code == 200
    response = inspection_post(
        officer, url, unlisted_name="Mật ong", kinds=[FindingKind.ALTERED_LOGO.value]
    )
    assert response.status_code == 302
    assert list(Finding.objects.values_list("kind", flat=True)) == [FindingKind.ALTERED_LOGO.value]


def test_follow_up_keeps_who_and_when(officer):
    inspection_post(officer, unlisted_name="Mật ong")
    inspection = Inspection.objects.get()
    url = inspection.get_absolute_url()
    officer.post(url, {"action": "Yêu cầu gỡ nhãn OCOP", "outcome": ""})
    inspection.refresh_from_db()
    assert inspection.action == "Yêu cầu gỡ nhãn OCOP" and inspection.action_at
    assert inspection.outcome_at is None
    first_at = inspection.action_at
    officer.post(url, {"action": "Yêu cầu gỡ nhãn OCOP", "outcome": "Cơ sở đã gỡ nhãn"})
    inspection.refresh_from_db()
    assert inspection.outcome == "Cơ sở đã gỡ nhãn" and inspection.outcome_by.username.startswith(
        "officer"
    )
    assert inspection.action_at == first_at  # unchanged action keeps its time


def test_triage_dismiss_needs_a_reason(officer):
    report = make_report()
    url = f"/lam-viec/phan-anh/{report.pk}/"
    assert "Chợ Tam Đường" in officer.get("/lam-viec/phan-anh/").content.decode()
    refused = officer.post(url, {"reason": ""})
    assert (
        refused.status_code == 400
        and "Hãy ghi lý do không xử lý phản ánh này." in refused.content.decode()
    )
    assert officer.post(url, {"reason": "Sản phẩm còn hiệu lực, phản ánh nhầm"}).status_code == 302
    triage = Triage.objects.get()
    assert triage.outcome == Triage.Outcome.DISMISSED and triage.decided_by is not None
    report.refresh_from_db()
    assert report.status == MisuseReport.Status.SEEN
    assert "Chợ Tam Đường" not in officer.get("/lam-viec/phan-anh/").content.decode()
    assert "Chợ Tam Đường" in officer.get("/lam-viec/phan-anh/?xem=da-xu-ly").content.decode()
    assert officer.post(url, {"reason": "lần nữa"}).status_code == 302
    assert Triage.objects.count() == 1  # a second triage is refused


def test_triage_opens_a_prefilled_inspection_linked_to_the_report(officer):
    decision = tea_decision()
    report = make_report(code=decision.public_code.replace("-", " "), product="Chè")
    form = officer.get(f"{NEW}?phan-anh={report.pk}").content.decode()
    assert f'value="{decision.public_code}"' in form and 'value="Chợ Tam Đường"' in form
    assert f"Theo phản ánh {report.reference}" in form

    response = inspection_post(
        officer, f"{NEW}?phan-anh={report.pk}", product=decision.public_code, place="Chợ Tam Đường"
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    triage = Triage.objects.get()
    assert (triage.outcome, triage.inspection, triage.report) == (
        Triage.Outcome.INSPECTION,
        inspection,
        report,
    )
    assert MisuseReport.objects.get().status == MisuseReport.Status.SEEN
    assert report.reference in officer.get(inspection.get_absolute_url()).content.decode()


def test_the_findings_table_counts_by_commune_and_kind_for_the_year(officer):
    for day, commune, kinds in [
        ("08/01/2026", "Nậm Sỏ", ["after_expiry", "wrong_stars"]),
        ("09/01/2026", "Nậm Sỏ", ["after_expiry"]),
        ("09/01/2026", "Tân Uyên", []),
        ("20/12/2025", "Tân Uyên", ["altered_logo"]),  # another year
    ]:
        assert inspection_post(
            officer, inspected_on=day, unit=unit_id(commune), unlisted_name="Mật ong", kinds=kinds
        ).status_code == 302  # fmt: skip
    html = officer.get("/lam-viec/kiem-tra/tong-hop/?nam=2026").content.decode()
    assert "Năm 2026: 3 lần kiểm tra" in html
    csv = officer.get("/lam-viec/kiem-tra/tong-hop/?nam=2026&tai=csv")
    assert csv["Content-Disposition"] == 'attachment; filename="kiem-tra-nhan-ocop-2026.csv"'
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith(
        "Xã/phường,Số lần kiểm tra,Sau khi hết hiệu lực/thu hồi,Sai hạng sao"
    )
    assert lines[1:] == [
        "Xã Nậm Sỏ,2,2,1,0,0,0,0,0",
        "Xã Tân Uyên,1,0,0,0,0,0,0,0",
        "Cả tỉnh,3,2,1,0,0,0,0,0",
    ]
    last_year = officer.get("/lam-viec/kiem-tra/tong-hop/?nam=2025&tai=csv").content.decode(
        "utf-8-sig"
    )
    assert last_year.splitlines()[1] == "Xã Tân Uyên,1,0,0,0,0,1,0,0"


def test_a_commune_officer_records_in_their_commune_only(client):
    client.force_login(commune_officer())
    form = client.get(NEW).content.decode()
    assert "Tân Uyên" not in form
    assert inspection_post(client, unlisted_name="Mật ong").status_code == 302
    crafted = inspection_post(client, unlisted_name="Mật ong", unit=unit_id("Tân Uyên"))
    assert crafted.status_code == 400 and Inspection.objects.count() == 1
