"""Revocation in the workspace (/lam-viec/thu-hoi/): a POST changes the public verdict in the
same request cycle (the public pages' token moves), notifies the producer and the commune
officer, and an undo needs a reason, is audited, notifies and restores the verdict."""

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ocop.audit.models import Entry
from ocop.domain.revocation import Ground
from ocop.enforcement.models import Revocation
from ocop.notices.models import Notice
from ocop.registry.models import Decision
from ocop.shared import freshness
from tests.enforcement_cast import PDF, TODAY, commune_officer, jpeg_with_gps, tea_decision
from tests.factories import make_decision, make_product
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def officer(client):
    client.force_login(make_staff("officer", email="so@example.vn"))
    return client


def revoke_post(client, decision, **fields):
    data = {
        "number": "15/QĐ-UBND",
        "revoked_on": "05/01/2026",
        "issuer": "UBND tỉnh Lai Châu",
        "ground": Ground.FOOD_SAFETY.value,
        "detail": "Mẫu kiểm nghiệm vượt ngưỡng",
        **fields,
    }
    return client.post(f"/lam-viec/thu-hoi/quyet-dinh/{decision.pk}/", data)


def verify(client, decision) -> str:
    return client.get(f"/xac-minh/{decision.public_code}/").content.decode()


def test_it_changes_the_public_verdict_in_the_same_request_cycle(
    officer, django_capture_on_commit_callbacks
):
    decision = tea_decision()
    commune_officer()
    assert "Còn hiệu lực đến hết ngày 04/05/2027" in verify(officer, decision)
    product_page = officer.get(decision.product.get_public_url()).content.decode()
    assert "Đã bị thu hồi" not in product_page
    before = freshness.token()

    with django_capture_on_commit_callbacks(execute=True):
        response = revoke_post(officer, decision)

    revocation = Revocation.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/lam-viec/thu-hoi/{revocation.pk}/"
    )
    assert freshness.token() != before
    html = verify(officer, decision)
    assert "Đã bị thu hồi ngày 05/01/2026" in html
    assert "Lý do: Vi phạm quy định về an toàn thực phẩm: Mẫu kiểm nghiệm vượt ngưỡng" in html
    assert "05/01/2026" in officer.get(decision.product.get_public_url()).content.decode()
    decision.refresh_from_db()
    assert (decision.revoked_on, decision.revocation_number) == (date(2026, 1, 5), "15/QĐ-UBND")
    assert revocation.recorded_by.username.startswith("officer")


def test_it_notifies_the_producer_and_the_commune_officer(
    officer, django_capture_on_commit_callbacks
):
    decision = tea_decision()
    commune_officer()
    commune_officer("Tân Uyên", "canbo.tanuyen@example.vn")  # another commune: not told

    with django_capture_on_commit_callbacks(execute=True):
        revoke_post(officer, decision)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "canbo.namso@example.vn",
        "htx.namso@example.vn",
    ]
    message = mail.outbox[0]
    assert message.subject == "Thu hồi công nhận OCOP: Chè Shan tuyết Nậm Sỏ"
    assert "15/QĐ-UBND ngày 05/01/2026 của UBND tỉnh Lai Châu" in message.body
    notices = Notice.objects.filter(kind="revocation")
    assert {n.recipient_role for n in notices} == {"producer", "commune"}
    assert all(n.sent_at and n.product_id == decision.product_id for n in notices)
    page = officer.get(f"/lam-viec/thu-hoi/{Revocation.objects.get().pk}/").content.decode()
    assert "htx.namso@example.vn (đã gửi)" in page


def test_a_producer_without_an_address_is_not_written_to(
    officer, django_capture_on_commit_callbacks
):
    decision = tea_decision()
    decision.product.producer.email = ""
    decision.product.producer.save()
    with django_capture_on_commit_callbacks(execute=True):
        revoke_post(officer, decision)
    assert mail.outbox == [] and Revocation.objects.count() == 1


def test_undo_needs_a_reason_and_restores_the_verdict(officer, django_capture_on_commit_callbacks):
    decision = tea_decision()
    commune_officer()
    with django_capture_on_commit_callbacks(execute=True):
        revoke_post(officer, decision)
    revocation = Revocation.objects.get()
    url = f"/lam-viec/thu-hoi/{revocation.pk}/"

    refused = officer.post(url, {"reason": "   "})
    assert refused.status_code == 400
    assert "Hãy ghi lý do hủy thu hồi." in refused.content.decode()
    assert Decision.objects.get(pk=decision.pk).revoked_on == date(2026, 1, 5)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            officer.post(url, {"reason": "Quyết định thu hồi ghi nhầm sản phẩm"}).status_code == 302
        )
    decision.refresh_from_db()
    assert (decision.revoked_on, decision.revocation_number, decision.revocation_reason) == (
        None,
        "",
        "",
    )
    assert "Còn hiệu lực đến hết ngày 04/05/2027" in verify(officer, decision)
    revocation.refresh_from_db()
    assert revocation.undo_reason == "Quyết định thu hồi ghi nhầm sản phẩm"
    assert revocation.undone_by.username.startswith("officer") and revocation.undone_at
    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject == "Hủy thu hồi công nhận OCOP: Chè Shan tuyết Nậm Sỏ"
    assert "Lý do hủy: Quyết định thu hồi ghi nhầm sản phẩm" in mail.outbox[0].body
    # Audited: the undo on the revocation and the decision's fields back, from a page.
    entries = Entry.objects.filter(source="page", object_pk=str(revocation.pk),
                                   content_type__model="revocation")  # fmt: skip
    assert any("undo_reason" in (e.changes_dict or {}) for e in entries)
    assert {e.province_id for e in entries} == {decision.product.unit.province_id}
    decision_entries = Entry.objects.filter(
        content_type__model="decision", object_pk=str(decision.pk)
    )
    assert any("revoked_on" in (e.changes_dict or {}) for e in decision_entries.filter(action=1))

    # Revoked again after the undo: a second record, the first kept as undone.
    with django_capture_on_commit_callbacks(execute=True):
        revoke_post(officer, decision, number="16/QĐ-UBND")
    assert Revocation.objects.count() == 2


@pytest.mark.parametrize(
    ("revoked_on", "said"),
    [
        ("03/05/2024", "trước ngày quyết định công nhận 04/05/2024"),
        ("11/01/2026", "sau hôm nay (10/01/2026)"),
        ("31/02/2026", "Ngày không hợp lệ"),
    ],
)
def test_it_refuses_a_date_before_the_decision_or_after_today(officer, revoked_on, said):
    decision = tea_decision()
    response = revoke_post(officer, decision, revoked_on=revoked_on)
    assert response.status_code == 400
    assert said in response.content.decode()
    assert not Revocation.objects.exists()
    assert Decision.objects.get(pk=decision.pk).revoked_on is None


def test_the_decisions_own_day_and_today_are_both_allowed(officer):
    first = tea_decision()
    second = make_decision(make_product("Miến dong Bình Lư"), decided_on=date(2025, 2, 1))
    assert revoke_post(officer, first, revoked_on="10/01/2026").status_code == 302
    assert revoke_post(officer, second, revoked_on="01/02/2025").status_code == 302


def test_it_refuses_an_older_decision_and_one_already_revoked(officer):
    old = tea_decision()
    make_decision(old.product, decided_on=date(2025, 6, 1), number="9/QĐ-UBND")
    response = revoke_post(officer, old)
    assert response.status_code == 400
    assert "thu hồi quyết định mới nhất" in response.content.decode()

    revoked = make_decision(
        make_product("Miến dong Bình Lư"), decided_on=date(2024, 1, 2), revoked_on=date(2025, 1, 2)
    )
    page = officer.get(f"/lam-viec/thu-hoi/quyet-dinh/{revoked.pk}/").content.decode()
    assert "Quyết định này đã bị thu hồi ngày 02/01/2025." in page
    assert revoke_post(officer, revoked).status_code == 400


def test_other_ground_needs_its_text(officer):
    response = revoke_post(officer, tea_decision(), ground=Ground.OTHER.value, detail="")
    assert response.status_code == 400
    assert "Với “Lý do khác”, hãy ghi nội dung thu hồi." in response.content.decode()


def test_it_keeps_a_pdf_scan_private_and_refuses_what_is_not_a_scan(officer, client):
    decision = tea_decision()
    fake = SimpleUploadedFile("qd.pdf", b"<html>not a pdf</html>", "application/pdf")
    refused = revoke_post(officer, decision, scan=fake)
    assert refused.status_code == 400
    assert "không phải là tệp PDF" in refused.content.decode()

    scan = SimpleUploadedFile("Nguyễn Văn A - qd.pdf", PDF, "application/pdf")
    assert revoke_post(officer, decision, scan=scan).status_code == 302
    revocation = Revocation.objects.get()
    assert revocation.scan.name.startswith("thu-hoi/") and "Nguy" not in revocation.scan.name
    response = officer.get(f"/lam-viec/thu-hoi/{revocation.pk}/ban-scan/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF


def test_a_photographed_scan_loses_its_location(officer):
    scan = SimpleUploadedFile("qd.jpg", jpeg_with_gps(), "image/jpeg")
    assert revoke_post(officer, tea_decision(), scan=scan).status_code == 302
    stored = Revocation.objects.get().scan
    assert stored.name.endswith(".jpg")
    from PIL import Image

    with Image.open(stored.path) as image:
        assert 0x8825 not in image.getexif()


def test_the_search_finds_a_decision_by_code_number_or_name(officer):
    decision = tea_decision(number="77/QĐ-UBND")
    for typed in (decision.public_code.lower().replace("-", ""), "77/QĐ", "che shan"):
        html = officer.get("/lam-viec/thu-hoi/", {"tim": typed}).content.decode()
        assert f"/lam-viec/thu-hoi/quyet-dinh/{decision.pk}/" in html, typed
