"""Evaluation dossiers in the back office (/lam-viec/ho-so/): the whole path through the pages,
rights per role and commune (crafted requests too), the score sheet's limits and the star cap,
the decision's effect on the registry and the public verdict, and attached files."""

import io
import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from PIL import Image

from ocop.audit.models import Entry
from ocop.domain.dossier_flow import State
from ocop.dossiers import files as dossier_files
from ocop.dossiers.models import Dossier, DossierFile, DossierStep
from ocop.registry.models import Decision, Producer, Product, Unit
from tests.dossier_cast import dossier_at
from tests.factories import make_decision, make_product
from tests.staff import OTHER_COMMUNE, commune, make_staff, other_province

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def signed_in(client, role, **kw):
    client.force_login(make_staff(role, **kw))
    return client


def step(client, dossier, to, data, from_state=None):
    payload = {f"{to}-{k}": v for k, v in data.items()}
    payload["from_state"] = from_state or dossier.state
    return client.post(f"/lam-viec/ho-so/{dossier.pk}/buoc/{to}/", payload)


CHECK = {"complete": "on", "note": "Đủ 9 thành phần hồ sơ"}
ASSESS = {"note": "Đề nghị tỉnh đánh giá, phân hạng"}
SCORE = {"score_a": "32,5", "score_b": "20", "score_c": "25.25"}
DECIDE = {"number": "45/QĐ-UBND", "decided_on": "20/10/2025", "issuer": "UBND tỉnh"}


def test_the_whole_path_of_a_new_product_reaches_the_registry_and_the_public_verdict(
    client, django_user_model
):
    officer = make_staff("officer")
    local = make_staff("commune")  # Nậm Sỏ
    client.force_login(officer)
    response = client.post(
        "/lam-viec/ho-so/moi/",
        {
            "kind": "first",
            "registered_on": "01/09/2025",
            "product_name": "Mật ong bạc hà Nậm Sỏ",
            "commune": commune().pk,
            "producer_name": "HTX Ong mật Nậm Sỏ",
            "producer_kind": "cooperative",
            "phone": "0912 345 678",
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/lam-viec/ho-so/{dossier.pk}/"
    assert dossier.product.producer.name == "HTX Ong mật Nậm Sỏ"
    assert dossier.state == "registered" and dossier.renews is None

    client.force_login(local)
    assert step(client, dossier, "checked", CHECK).status_code == 302
    dossier.refresh_from_db()
    assert step(client, dossier, "assessed", ASSESS).status_code == 302

    client.force_login(officer)
    dossier.refresh_from_db()
    assert step(client, dossier, "scored", {**SCORE, "missing_mandatory": ["5"]}).status_code == 302
    dossier.refresh_from_db()
    assert (dossier.score_a, dossier.score, dossier.stars) == (
        Decimal("32.5"),
        Decimal("77.75"),
        4,
    )
    page = client.get(f"/lam-viec/ho-so/{dossier.pk}/").content.decode()
    assert "77,75" in page and "4 sao" in page and "Ra quyết định công nhận" in page

    assert step(client, dossier, "decided", DECIDE).status_code == 302
    dossier.refresh_from_db()
    decision = dossier.decision
    assert dossier.state == "decided"
    assert (decision.stars, decision.score, decision.number) == (4, Decimal("77.75"), "45/QĐ-UBND")
    assert decision.issuer == "UBND tỉnh Lai Châu" and not decision.issuer_presumed
    assert decision.criteria_version == "148/QĐ-TTg"
    assert decision.last_valid_day == date(2028, 10, 20)

    steps = list(dossier.steps.values_list("to_state", "by", "by_name"))
    assert steps == [
        ("registered", officer.pk, officer.username),
        ("checked", local.pk, local.username),
        ("assessed", local.pk, local.username),
        ("scored", officer.pk, officer.username),
        ("decided", officer.pk, officer.username),
    ]

    out = StringIO()
    call_command("summary", "--as-of", "2025-12-31", "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["valid_products"] == 1 and figures["valid_by_stars"]["4"] == 1

    client.logout()
    verdict = client.get(f"/xac-minh/{decision.public_code}/").content.decode()
    assert "Còn hiệu lực đến hết ngày 20/10/2028" in verdict
    assert "Mật ong bạc hà Nậm Sỏ" in verdict

    # Who and when are in the log of changes too, under the province.
    entries = Entry.objects.filter(content_type=ContentType.objects.get_for_model(DossierStep))
    assert entries.count() == 5
    assert set(entries.values_list("province__code", flat=True)) == {"12"}


def test_a_re_evaluation_renews_the_latest_decision(client):
    product = make_product()
    old = make_decision(product, decided_on=date(2022, 11, 2), stars=3)
    client.force_login(make_staff("officer"))
    page = client.get(f"/lam-viec/ho-so/moi/?san_pham={product.pk}").content.decode()
    assert 'value="renewal" checked' in page or 'value="renewal"\n' in page or "checked" in page
    response = client.post(
        "/lam-viec/ho-so/moi/",
        {"kind": "renewal", "registered_on": "15/08/2025", "product": product.pk},
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.renews == old and dossier.kind == "renewal"
    dossier = dossier_at(State.DECIDED, product, kind="renewal", renews=old)
    assert dossier.decision.product == product
    assert dossier.renews == old
    assert product.status_on(date(2025, 12, 31)) == "valid"
    assert Decision.objects.filter(product=product).count() == 2


def test_a_re_evaluation_needs_a_product_with_a_decision(client):
    product = make_product()
    client.force_login(make_staff("officer"))
    response = client.post(
        "/lam-viec/ho-so/moi/",
        {"kind": "renewal", "registered_on": "15/08/2025", "product": product.pk},
    )
    assert response.status_code == 200
    assert "Sản phẩm chưa có quyết định nào để đánh giá lại." in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_new_dossier_refuses_a_producer_already_in_the_registry(client):
    make_product()  # Hợp tác xã Chè Nậm Sỏ in Nậm Sỏ
    client.force_login(make_staff("commune"))
    response = client.post(
        "/lam-viec/ho-so/moi/",
        {
            "kind": "first",
            "registered_on": "01/09/2025",
            "product_name": "Chè xanh",
            "commune": commune().pk,
            "producer_name": "HTX Chè Nậm Sỏ",
            "producer_kind": "cooperative",
        },
    )
    assert "đã có trong sổ" in response.content.decode()
    assert Product.objects.count() == 1 and not Dossier.objects.exists()


def test_a_commune_officer_opens_dossiers_only_in_their_commune(client):
    elsewhere = make_product(
        "Miến dong Tân Uyên",
        producer=Producer.objects.create(
            name="HTX Miến Tân Uyên", kind="cooperative", unit=commune(OTHER_COMMUNE)
        ),
    )
    signed_in(client, "commune")
    response = client.post(
        "/lam-viec/ho-so/moi/",
        {"kind": "first", "registered_on": "01/09/2025", "product": elsewhere.pk},
    )
    assert response.status_code == 200 and not Dossier.objects.exists()
    response = client.post(
        "/lam-viec/ho-so/moi/",
        {
            "kind": "first",
            "registered_on": "01/09/2025",
            "product_name": "Chè mới",
            "commune": commune(OTHER_COMMUNE).pk,
            "producer_name": "HTX Mới",
            "producer_kind": "cooperative",
        },
    )
    assert response.status_code == 200 and not Dossier.objects.exists()
    assert not Producer.objects.filter(name="Hợp tác xã Mới").exists()


def test_a_commune_officer_of_another_commune_cannot_act(client):
    dossier = dossier_at(State.REGISTERED)
    signed_in(client, "commune", commune=OTHER_COMMUNE)
    page = client.get(f"/lam-viec/ho-so/{dossier.pk}/").content.decode()
    assert "Nhận và kiểm tra hồ sơ" not in page.split("Các bước đã thực hiện")[0]
    response = step(client, dossier, "checked", CHECK)
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "registered" and dossier.steps.count() == 1
    messages = client.get(f"/lam-viec/ho-so/{dossier.pk}/").content.decode()
    assert "Bạn không có quyền thực hiện bước này" in messages


def test_a_commune_officer_cannot_score(client):
    dossier = dossier_at(State.ASSESSED)
    signed_in(client, "commune")
    step(client, dossier, "scored", SCORE)
    dossier.refresh_from_db()
    assert dossier.state == "assessed" and dossier.score is None


def test_a_viewer_reads_and_cannot_write(client):
    dossier = dossier_at(State.REGISTERED)
    signed_in(client, "viewer")
    assert client.get("/lam-viec/ho-so/").status_code == 200
    page = client.get(f"/lam-viec/ho-so/{dossier.pk}/").content.decode()
    assert "<h2>Bước tiếp theo</h2>" not in page and "Đính kèm</button>" not in page
    assert client.get("/lam-viec/ho-so/moi/").status_code == 403
    assert client.post("/lam-viec/ho-so/moi/", {"kind": "first"}).status_code == 403
    step(client, dossier, "checked", CHECK)
    response = client.post(
        f"/lam-viec/ho-so/{dossier.pk}/tep/", {"file": io.BytesIO(b"%PDF-1.4 x")}
    )
    dossier.refresh_from_db()
    assert dossier.state == "registered" and not dossier.files.exists()
    assert response.status_code == 302


def test_another_province_sees_nothing(client):
    dossier = dossier_at(State.REGISTERED)
    signed_in(client, "officer", province=other_province())
    assert client.get(f"/lam-viec/ho-so/{dossier.pk}/").status_code == 404
    assert step(client, dossier, "checked", CHECK).status_code == 404
    assert "Hồ sơ số" not in client.get("/lam-viec/ho-so/").content.decode()
    assert client.get(f"/lam-viec/ho-so/san-pham/{dossier.product.pk}/").status_code == 404


def test_signed_out_visitors_go_to_the_login(client):
    dossier = dossier_at(State.REGISTERED)
    for url in ("/lam-viec/ho-so/", f"/lam-viec/ho-so/{dossier.pk}/", "/lam-viec/ho-so/moi/"):
        assert client.get(url)["Location"].startswith("/lam-viec/dang-nhap/")


@pytest.mark.parametrize(
    "frm, to",
    [
        (State.REGISTERED, "scored"),
        (State.REGISTERED, "decided"),
        (State.CHECKED, "checked"),
        (State.ASSESSED, "not_passed"),
        (State.DECIDED, "scored"),
        (State.NOT_PASSED, "decided"),
    ],
)
def test_crafted_moves_off_the_path_are_refused(client, frm, to):
    dossier = dossier_at(frm)
    steps = dossier.steps.count()
    client.force_login(make_staff("admin"))
    data = {"complete": "on", "note": "x", **SCORE, **DECIDE}
    step(client, dossier, to, data)
    dossier.refresh_from_db()
    assert dossier.state == frm.value and dossier.steps.count() == steps


def test_a_form_sent_twice_moves_once(client):
    dossier = dossier_at(State.REGISTERED)
    client.force_login(make_staff("officer"))
    step(client, dossier, "checked", CHECK, from_state="registered")
    step(client, dossier, "assessed", ASSESS, from_state="checked")
    step(client, dossier, "assessed", ASSESS, from_state="checked")
    response = step(client, dossier, "checked", CHECK, from_state="registered")
    assert response.status_code == 302
    assert dossier.steps.count() == 3


def test_an_unknown_step_is_404(client):
    dossier = dossier_at(State.REGISTERED)
    client.force_login(make_staff("officer"))
    assert step(client, dossier, "approved", {}).status_code == 404


@pytest.mark.parametrize(
    "data, message",
    [
        ({**SCORE, "score_a": "41"}, "Điểm phần A phải từ 0 đến 40."),
        ({**SCORE, "score_b": "25,5"}, "Điểm phần B phải từ 0 đến 25."),
        ({**SCORE, "score_c": "-1"}, "Điểm phần C phải từ 0 đến 35."),
        ({**SCORE, "score_c": "mười"}, "“mười” không phải số điểm."),
        ({**SCORE, "score_a": "30,125"}, "Điểm ghi tối đa hai chữ số thập phân."),
        ({**SCORE, "score_a": ""}, "This field is required"),
    ],
)
def test_scores_above_a_part_maximum_are_refused(client, data, message):
    dossier = dossier_at(State.ASSESSED)
    client.force_login(make_staff("officer"))
    response = step(client, dossier, "scored", data)
    assert response.status_code == 400
    if message != "This field is required":
        assert message in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == "assessed" and dossier.score is None


@pytest.mark.parametrize(
    "scores, missing, stars",
    [
        (("35", "20", "30"), [], 4),  # 85
        (("35", "20", "30"), ["4"], 3),
        (("38", "23", "33"), [], 5),  # 94, proposed to the Ministry
        (("38", "23", "33"), ["5"], 4),
        (("35", "20", "30"), ["3"], None),
        (("20", "10", "15"), [], None),  # 45
    ],
)
def test_missing_mandatory_criteria_cap_the_stars(client, scores, missing, stars):
    dossier = dossier_at(State.ASSESSED)
    client.force_login(make_staff("officer"))
    data = dict(zip(("score_a", "score_b", "score_c"), scores, strict=True))
    step(client, dossier, "scored", {**data, "missing_mandatory": missing})
    dossier.refresh_from_db()
    assert dossier.state == "scored" and dossier.stars == stars
    assert dossier.missing_mandatory == [int(m) for m in missing]


def test_a_product_without_stars_can_only_be_not_passed(client):
    dossier = dossier_at(State.SCORED, scores=("20", "10", "15"))
    assert dossier.stars is None
    client.force_login(make_staff("officer"))
    page = client.get(f"/lam-viec/ho-so/{dossier.pk}/").content.decode()
    assert "Ra quyết định công nhận" not in page and "Kết luận không đạt" in page
    step(client, dossier, "decided", DECIDE)
    dossier.refresh_from_db()
    assert dossier.state == "scored" and not Decision.objects.exists()
    step(client, dossier, "not_passed", {"note": "Dưới 50 điểm"})
    dossier.refresh_from_db()
    assert dossier.state == "not_passed" and dossier.decision is None
    assert not Decision.objects.exists()
    assert dossier.steps.last().note == "Dưới 50 điểm"


def test_not_passed_needs_a_reason(client):
    dossier = dossier_at(State.SCORED)
    client.force_login(make_staff("officer"))
    assert step(client, dossier, "not_passed", {"note": " "}).status_code == 400
    dossier.refresh_from_db()
    assert dossier.state == "scored"


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {**DECIDE, "decided_on": "31/08/2025"},
            "Ngày quyết định trước ngày đăng ký hồ sơ (01/09/2025).",
        ),
        ({**DECIDE, "decided_on": "31/02/2025"}, "Ngày không hợp lệ"),
        ({**DECIDE, "number": ""}, "This field is required"),
    ],
)
def test_bad_decisions_are_refused(client, data, message):
    dossier = dossier_at(State.SCORED)
    client.force_login(make_staff("officer"))
    response = step(client, dossier, "decided", data)
    assert response.status_code == 400
    if message != "This field is required":
        assert message in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == "scored" and not Decision.objects.exists()


def test_a_decision_number_the_product_already_has_is_refused(client):
    dossier = dossier_at(State.SCORED)
    make_decision(dossier.product, decided_on=date(2025, 10, 20), number="45/QĐ-UBND")
    client.force_login(make_staff("officer"))
    response = step(client, dossier, "decided", DECIDE)
    assert "Sản phẩm đã có quyết định số 45/QĐ-UBND ngày 20/10/2025." in response.content.decode()
    assert Decision.objects.count() == 1


def test_a_renewal_decision_must_follow_the_old_one(client):
    product = make_product()
    old = make_decision(product, decided_on=date(2025, 9, 5))
    dossier = dossier_at(State.SCORED, product, kind="renewal", renews=old)
    client.force_login(make_staff("officer"))
    response = step(client, dossier, "decided", {**DECIDE, "decided_on": "05/09/2025"})
    assert "phải sau quyết định cũ ngày 05/09/2025" in response.content.decode()


def test_an_empty_issuer_is_presumed(client):
    dossier = dossier_at(State.SCORED, scores=("38", "23", "33"))  # 5 stars
    client.force_login(make_staff("officer"))
    step(client, dossier, "decided", {**DECIDE, "issuer": ""})
    decision = Decision.objects.get()
    assert decision.stars == 5 and decision.issuer_presumed
    assert decision.issuer == "Bộ Nông nghiệp và Môi trường"


def test_the_list_filters(client):
    first = dossier_at(State.REGISTERED)
    other_product = make_product(
        "Gạo Séng Cù",
        producer=Producer.objects.create(
            name="HTX Gạo Tân Uyên", kind="cooperative", unit=commune(OTHER_COMMUNE)
        ),
    )
    second = dossier_at(State.DECIDED, other_product, registered_on=date(2024, 5, 2))
    client.force_login(make_staff("viewer"))

    def shown(query):
        html = client.get(f"/lam-viec/ho-so/?{query}").content.decode()
        return {d.pk for d in (first, second) if f"Hồ sơ số {d.pk}<" in html}

    assert shown("") == {first.pk, second.pk}
    assert shown("state=open") == {first.pk}
    assert shown("state=decided") == {second.pk}
    assert shown(f"commune={commune(OTHER_COMMUNE).pk}") == {second.pk}
    assert shown("year=2024") == {second.pk}
    assert shown("kind=renewal") == set()
    assert client.get("/lam-viec/ho-so/?year=abc").status_code == 200


def test_the_product_page_shows_the_history(client):
    dossier = dossier_at(State.DECIDED)
    dossier_at(State.REGISTERED, dossier.product, kind="renewal", renews=dossier.decision)
    client.force_login(make_staff("viewer"))
    html = client.get(f"/lam-viec/ho-so/san-pham/{dossier.product.pk}/").content.decode()
    assert html.count("Hồ sơ số") == 2 and "12/QĐ-UBND" in html
    assert "Lập hồ sơ cho sản phẩm này" not in html


def test_latest_state_for_the_expiry_desk():
    product = make_product()
    assert Dossier.objects.latest_state_for(product) is None
    old = dossier_at(State.NOT_PASSED, product, registered_on=date(2024, 1, 5))
    newer = dossier_at(State.CHECKED, product, registered_on=date(2025, 2, 1))
    other = dossier_at(State.REGISTERED, make_product("Chè búp"))
    assert Dossier.objects.latest_state_for(product) == "checked"
    assert Dossier.objects.latest_state_for(product.pk) == "checked"
    latest = Dossier.objects.latest_for([product.pk, other.product_id])
    assert latest == {product.pk: newer, other.product_id: other}
    assert old.is_open is False and newer.is_open


# Files ---------------------------------------------------------------------------------------


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {2: (21.0, 24.0, 0.0)}  # GPS latitude
    exif[0x010F] = "Camera"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(client, dossier, name, data, description=""):
    file = io.BytesIO(data)
    file.name = name
    return client.post(
        f"/lam-viec/ho-so/{dossier.pk}/tep/", {"file": file, "description": description}
    )


def test_a_pdf_is_attached_and_served_privately(client):
    dossier = dossier_at(State.REGISTERED)
    signed_in(client, "commune")
    response = upload(client, dossier, "Phiếu đăng ký.pdf", b"%PDF-1.7\n1 0 obj\n", "Phiếu đăng ký")
    assert response.status_code == 302
    stored = DossierFile.objects.get()
    assert (stored.name, stored.file_type, stored.size) == ("Phiếu đăng ký.pdf", "pdf", 17)
    assert stored.file.name.startswith("ho-so/")
    client.force_login(make_staff("viewer"))
    html = client.get(f"/lam-viec/ho-so/{dossier.pk}/").content.decode()
    assert "Phiếu đăng ký.pdf" in html
    served = client.get(f"/lam-viec/ho-so/tep/{stored.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert served["Cache-Control"] == "private, no-store"
    assert b"".join(served.streaming_content).startswith(b"%PDF-1.7")
    client.logout()
    assert client.get(f"/lam-viec/ho-so/tep/{stored.pk}/").status_code == 302
    signed_in(client, "viewer", province=other_province(), username="v2")
    assert client.get(f"/lam-viec/ho-so/tep/{stored.pk}/").status_code == 404


def test_a_photo_loses_its_exif(client):
    dossier = dossier_at(State.REGISTERED)
    signed_in(client, "officer")
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif()
    assert upload(client, dossier, "nhan-mac.jpg", data).status_code == 302
    stored = DossierFile.objects.get()
    assert stored.file_type == "jpeg"
    with stored.file.open("rb") as f:
        kept = Image.open(io.BytesIO(f.read()))
        assert kept.format == "JPEG" and not kept.getexif()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("gia.pdf", b"MZ\x90\x00 not a pdf", "không phải PDF hay ảnh"),
        ("trong.pdf", b"", "The submitted file is empty"),
        ("anh.png", b"\x89PNG\r\n\x1a\n broken", "không phải PDF hay ảnh"),
        ("ghi-chu.txt", "văn bản".encode(), "không phải PDF hay ảnh"),
    ],
)
def test_other_files_are_refused(client, name, data, message):
    dossier = dossier_at(State.REGISTERED)
    signed_in(client, "officer")
    response = upload(client, dossier, name, data)
    assert response.status_code == 400
    assert not DossierFile.objects.exists()


def test_a_file_too_large_is_refused(client, monkeypatch):
    monkeypatch.setattr(dossier_files, "MAX_BYTES", 1000)
    dossier = dossier_at(State.REGISTERED)
    signed_in(client, "officer")
    response = upload(client, dossier, "lon.pdf", b"%PDF-" + b"0" * 2000)
    assert "quá giới hạn 0,0 MB" in response.content.decode()
    assert not DossierFile.objects.exists()


def test_another_commune_cannot_attach(client):
    dossier = dossier_at(State.REGISTERED)
    signed_in(client, "commune", commune=OTHER_COMMUNE)
    upload(client, dossier, "a.pdf", b"%PDF-1.4")
    assert not DossierFile.objects.exists()


def test_units_of_the_cast_exist():
    assert Unit.objects.filter(name__in=["Nậm Sỏ", OTHER_COMMUNE]).count() == 2
