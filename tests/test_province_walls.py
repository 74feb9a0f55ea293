"""The walls between provinces that an attacker's probe found open (issue 18): a misuse
report whose code was typed in lower case or with a space belonged to every province (read and
changed from Hà Nội through the admin), and the history page of the log answered for any
model and named another province's records."""

import pytest

from ocop.audit.models import Entry
from ocop.catalog.models import MisuseReport
from ocop.registry.models import Province
from tests.admin_forms import form_of
from tests.factories import make_decision, make_producer, make_product
from tests.quality_cast import jpeg
from tests.staff import make_staff
from tests.test_misuse_reports import report as post_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def lai_chau_code():
    """The public code of a decision of Lai Châu, as it is printed."""
    return make_decision(make_product("Chè Zqxsecret", make_producer("HTX Zqxsecret"))).public_code


@pytest.mark.parametrize("typed", ["lower", "spaced"])
def test_a_report_quoting_a_code_typed_otherwise_is_its_provinces_only(
    client, lai_chau_code, typed
):
    code = lai_chau_code.lower() if typed == "lower" else lai_chau_code.replace("-", " ")
    assert post_report(client, code=code).status_code == 302
    report = MisuseReport.objects.get()
    assert report.code == lai_chau_code

    client.force_login(make_staff("admin", province="01", username="quan-tri-ha-noi"))
    change = f"/admin/catalog/misusereport/{report.pk}/change/"
    assert "Zqxsecret" not in client.get(change, follow=True).content.decode()
    assert client.get(f"/lam-viec/phan-anh/{report.pk}/").status_code == 404
    client.post(change, {"status": "seen"})
    assert MisuseReport.objects.get().status == MisuseReport.Status.NEW

    client.force_login(make_staff("admin", username="quan-tri-lai-chau"))
    assert client.post(change, {**form_of(client, change), "status": "seen"}).status_code == 302
    entry = Entry.objects.filter(content_type__model="misusereport").latest("id")
    assert entry.changes == {"status": ["new", "seen"]}
    assert entry.province == Province.objects.get(code="12")


@pytest.mark.parametrize(
    "key", ["sessions.session", "axes.accessattempt", "otp_totp.totpdevice", "admin.logentry"]
)
def test_the_history_page_answers_only_for_models_the_log_follows(client, key):
    officer = make_staff("admin", username="quan-tri-lai-chau")
    client.force_login(officer)
    assert client.get(f"/lam-viec/nhat-ky/{key}/1/").status_code == 404


def test_the_history_page_of_another_provinces_record_is_not_found(client):
    product = make_product("Chè Zqxsecret", make_producer("HTX Zqxsecret"))
    client.force_login(make_staff("viewer", province="01", username="xem-ha-noi"))

    for key, pk in (("registry.product", product.pk), ("registry.producer", product.producer_id)):
        response = client.get(f"/lam-viec/nhat-ky/{key}/{pk}/")
        assert response.status_code == 404
        assert "Zqxsecret" not in response.content.decode()

    client.force_login(make_staff("viewer", username="xem-lai-chau"))
    response = client.get(f"/lam-viec/nhat-ky/registry.product/{product.pk}/")
    assert response.status_code == 200
    assert "Zqxsecret" in response.content.decode()


def test_a_reports_history_needs_the_right_to_triage_reports(client, lai_chau_code):
    report = MisuseReport.objects.create(
        code=lai_chau_code, place="Chợ Zqxcho", contact="0912 000 000", photo=jpeg()
    )
    client.force_login(make_staff("commune", username="can-bo-xa"))
    assert client.get(f"/lam-viec/nhat-ky/catalog.misusereport/{report.pk}/").status_code == 403
