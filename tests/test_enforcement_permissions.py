"""Who may use the enforcement pages: revocation and the misuse inbox for the department
(Action.REVOKE); inspections read by every role of the province, recorded by the department
anywhere and by a commune officer in their own commune; another province's records are not
found; pages, form posts and crafted requests alike."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ocop.catalog.models import MisuseReport
from ocop.enforcement.models import Inspection, InspectionPhoto, Revocation
from ocop.registry.models import Unit
from tests.enforcement_cast import PDF, TODAY, jpeg_with_gps, tea_decision
from tests.factories import make_decision, make_product, unit
from tests.staff import make_staff, other_province

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def world(db):
    decision = tea_decision()
    revocation = Revocation.objects.create(
        decision=make_decision(make_product("Miến dong"), decided_on=date(2025, 1, 2)),
        number="1/QĐ-TH", revoked_on=date(2025, 6, 1), issuer="UBND tỉnh Lai Châu",
        ground="quality",
    )  # fmt: skip
    revocation.scan.save("qd.pdf", SimpleUploadedFile("qd.pdf", PDF), save=True)
    inspection = Inspection.objects.create(
        unit=unit("Nậm Sỏ"), inspected_on=date(2026, 1, 5), place="Chợ", unlisted_name="Mật ong"
    )
    photo = InspectionPhoto(inspection=inspection)
    photo.image.save("a.jpg", SimpleUploadedFile("a.jpg", jpeg_with_gps()), save=True)
    report = MisuseReport(place="Chợ", description="Nhãn giả")
    report.photo.save("anh.jpg", SimpleUploadedFile("anh.jpg", jpeg_with_gps()), save=False)
    report.save()
    far = other_province()
    far_unit = Unit.objects.create(code="00001", name="Phúc Xá", kind="phường", province=far)
    elsewhere = Inspection.objects.create(
        unit=far_unit, inspected_on=date(2026, 1, 5), place="Chợ", unlisted_name="Mật ong"
    )
    return {
        "decision": decision, "revocation": revocation, "inspection": inspection,
        "photo": photo, "report": report, "elsewhere": elsewhere, "far": far,
    }  # fmt: skip


def login(client, who, world):
    users = {
        "admin": lambda: make_staff("admin"),
        "officer": lambda: make_staff("officer"),
        "commune_own": lambda: make_staff("commune", commune="Nậm Sỏ"),
        "commune_other": lambda: make_staff("commune", commune="Tân Uyên"),
        "viewer": lambda: make_staff("viewer"),
        "far_officer": lambda: make_staff("officer", province=world["far"]),
    }
    if who != "anonymous":
        client.force_login(users[who]())
    return client


WHO = ["admin", "officer", "commune_own", "commune_other", "viewer", "far_officer", "anonymous"]


def expect(table: dict, who: str) -> int:
    return 302 if who == "anonymous" else table.get(who, 403)


DEPARTMENT = {"admin": 200, "officer": 200, "far_officer": 200}
EVERY_ROLE = dict.fromkeys(WHO[:-1], 200)
EDITORS = {
    "admin": 200,
    "officer": 200,
    "commune_own": 200,
    "commune_other": 200,
    "far_officer": 200,
}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(
    ("url", "table"),
    [
        ("/lam-viec/thu-hoi/", DEPARTMENT),
        ("/lam-viec/thu-hoi/quyet-dinh/{decision}/", {**DEPARTMENT, "far_officer": 404}),
        ("/lam-viec/thu-hoi/{revocation}/", {**DEPARTMENT, "far_officer": 404}),
        ("/lam-viec/thu-hoi/{revocation}/ban-scan/", {**EVERY_ROLE, "far_officer": 404}),
        ("/lam-viec/phan-anh/", DEPARTMENT),
        ("/lam-viec/phan-anh/{report}/", DEPARTMENT),
        ("/lam-viec/kiem-tra/", EVERY_ROLE),
        ("/lam-viec/kiem-tra/tong-hop/?nam=2026", EVERY_ROLE),
        ("/lam-viec/kiem-tra/them/", EDITORS),
        ("/lam-viec/kiem-tra/them/?phan-anh={report}", DEPARTMENT),
        ("/lam-viec/kiem-tra/{inspection}/", {**EVERY_ROLE, "far_officer": 404}),
        ("/lam-viec/kiem-tra/{elsewhere}/", {**dict.fromkeys(WHO[:-1], 404), "far_officer": 200}),
        (
            "/lam-viec/kiem-tra/{inspection}/sua/",
            {**DEPARTMENT, "commune_own": 200, "far_officer": 404},
        ),
        ("/lam-viec/kiem-tra/anh/{photo}/", {**EVERY_ROLE, "far_officer": 404}),
    ],
)
def test_pages(client, world, who, url, table):
    ids = {key: getattr(value, "pk", None) for key, value in world.items()}
    response = login(client, who, world).get(url.format(**ids))
    assert response.status_code == expect(table, who), (who, url)


REVOCATION = {"number": "9/QĐ", "revoked_on": "05/01/2026", "issuer": "UBND tỉnh Lai Châu",
              "ground": "quality"}  # fmt: skip
INSPECTION = {"unit": "{unit}", "inspected_on": "05/01/2026", "place": "Chợ",
              "unlisted_name": "Mật ong"}  # fmt: skip
POSTS = {
    "revoke": (
        "/lam-viec/thu-hoi/quyet-dinh/{decision}/",
        REVOCATION,
        {"admin": 302, "officer": 302, "far_officer": 404},
    ),
    "undo": (
        "/lam-viec/thu-hoi/{revocation}/",
        {"reason": "ghi nhầm"},
        {"admin": 302, "officer": 302, "far_officer": 404},
    ),
    "dismiss": (
        "/lam-viec/phan-anh/{report}/",
        {"reason": "không đúng"},
        {"admin": 302, "officer": 302, "far_officer": 302},
    ),
    "follow_up": (
        "/lam-viec/kiem-tra/{inspection}/",
        {"action": "Nhắc nhở", "outcome": ""},
        {"admin": 302, "officer": 302, "commune_own": 302, "far_officer": 404, "viewer": 403,
         "commune_other": 403},
    ),
    "edit": (
        "/lam-viec/kiem-tra/{inspection}/sua/",
        INSPECTION,
        {"admin": 302, "officer": 302, "commune_own": 302, "far_officer": 404},
    ),
    "create_in_nam_so": (
        "/lam-viec/kiem-tra/them/",
        INSPECTION,
        # another commune's officer and another province's: the commune is not theirs to choose
        {"admin": 302, "officer": 302, "commune_own": 302, "commune_other": 400,
         "far_officer": 400},
    ),
}  # fmt: skip


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("action", list(POSTS))
def test_posts(client, world, who, action):
    url, data, table = POSTS[action]
    ids = {key: getattr(value, "pk", None) for key, value in world.items()}
    ids["unit"] = unit("Nậm Sỏ").pk
    data = {key: value.format(**ids) for key, value in data.items()}
    before = (Revocation.objects.filter(undone_at__isnull=True).count(), Inspection.objects.count(),
              Inspection.objects.filter(action="").count())  # fmt: skip
    response = login(client, who, world).post(url.format(**ids), data)
    assert response.status_code == expect(table, who), (who, action)
    after = (Revocation.objects.filter(undone_at__isnull=True).count(), Inspection.objects.count(),
             Inspection.objects.filter(action="").count())  # fmt: skip
    if response.status_code != 302:
        assert after == before, (who, action)


def test_the_enforcement_models_are_not_in_the_admin(client, world):
    client.force_login(make_staff("admin"))
    assert client.get("/admin/enforcement/revocation/").status_code == 404
