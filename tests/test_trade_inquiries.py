"""Buyers' inquiries: the public form (/hoi-mua/<product>/), who is told, the back office's
list, states with who and when, permissions, where demand is, and the CSV."""

from datetime import date

import pytest
from django.core import mail
from django.test import Client, TestCase

from ocop.audit.models import Entry
from ocop.domain.inquiries import InquiryState
from ocop.notices.models import Notice
from ocop.registry.models import Unit
from ocop.trade.models import Inquiry, InquiryStep
from tests.factories import make_decision, make_producer, make_product
from tests.staff import OTHER_COMMUNE, make_staff, other_province

pytestmark = pytest.mark.django_db

FORM = {
    "quantity": "1,5",
    "quantity_unit": "tấn",
    "place": "Phường Tân Phong, tỉnh Lai Châu",
    "name": "Nguyễn Thị Hoa",
    "organisation": "Cửa hàng Đặc sản Tây Bắc",
    "phone": "0912 345 678",
    "email": "hoa@example.vn",
    "message": "Cần hàng trước Tết, đóng hộp 200 g.",
    "website": "",
}


@pytest.fixture
def tea():
    producer = make_producer(email="htx.namso@example.vn", phone="0213 3876 543")
    return make_decision(make_product(producer=producer), date(2024, 5, 4), stars=4).product


@pytest.fixture
def commune_officer():
    return make_staff("commune", email="canbo.namso@example.vn")


def send(client, product, lang="vi", **fields):
    """POST the form; what waits for the request's commit (the e-mails) runs as it would."""
    prefix = "" if lang == "vi" else "/en"
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"{prefix}/hoi-mua/{product.pk}/", {**FORM, **fields})


def test_a_valid_inquiry_is_kept_with_its_first_step_and_a_reference(visitor, tea):
    response = send(visitor, tea)

    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/hoi-mua/{tea.pk}/da-nhan/{inquiry.reference}/"
    assert inquiry.reference.startswith("NC-20") and inquiry.product == tea
    assert str(inquiry.quantity) == "1.50" and inquiry.quantity_text == "1,5 tấn"
    first = inquiry.steps.first()
    assert first.state == InquiryState.NEW and first.by is None
    assert first.by_name == "Người mua (trang công khai)"
    thanks = visitor.get(response["Location"]).content.decode()
    assert "Đã nhận nhu cầu mua" in thanks
    assert f'<strong class="reference">{inquiry.reference}</strong>' in thanks
    assert tea.get_public_url() in thanks


def test_the_product_page_links_to_the_form_in_both_languages(visitor, tea):
    page_vi = visitor.get(tea.get_public_url()).content.decode()
    page_en = visitor.get(f"/en{tea.get_public_url()}").content.decode()

    assert f'href="/hoi-mua/{tea.pk}/"' in page_vi and "Gửi nhu cầu mua sản phẩm này" in page_vi
    assert f'href="/en/hoi-mua/{tea.pk}/"' in page_en and "Send a request to buy" in page_en


def test_the_form_names_the_product_and_its_producer(visitor, tea):
    page = visitor.get(f"/hoi-mua/{tea.pk}/").content.decode()

    assert "Hỏi mua sản phẩm" in page and tea.name in page and tea.producer.name in page
    assert visitor.get(f"/en/hoi-mua/{tea.pk}/").status_code == 200


def test_a_product_without_a_public_page_has_no_form(visitor):
    bare = make_product("Sản phẩm chưa công nhận")

    assert visitor.get(f"/hoi-mua/{bare.pk}/").status_code == 404
    assert visitor.get("/hoi-mua/999999/").status_code == 404


def test_without_a_phone_or_an_email_it_is_refused_with_a_message(visitor, tea):
    response = send(visitor, tea, phone="", email="")

    assert response.status_code == 400
    assert "Vui lòng nhập số điện thoại hoặc thư điện tử để được trả lời." in (
        response.content.decode()
    )
    assert not Inquiry.objects.exists()


def test_one_way_to_answer_is_enough(visitor, tea):
    assert send(visitor, tea, email="").status_code == 302
    assert send(visitor, tea, phone="").status_code == 302
    assert Inquiry.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"quantity": "0"}, "Số lượng phải là một số lớn hơn 0"),
        ({"quantity": "nhiều"}, "Số lượng phải là một số lớn hơn 0"),
        ({"quantity_unit": ""}, "Vui lòng nhập đơn vị tính."),
        ({"place": ""}, "Vui lòng nhập nơi nhận hàng."),
        ({"phone": "12"}, "Số điện thoại chưa đúng"),
        ({"email": "hoa@"}, "Thư điện tử chưa đúng"),
    ],
)
def test_bad_fields_are_named_in_vietnamese(visitor, tea, fields, message):
    response = send(visitor, tea, **fields)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Inquiry.objects.exists()


def test_the_english_form_answers_in_english(visitor, tea):
    response = send(visitor, tea, lang="en", phone="", email="")

    assert response.status_code == 400
    assert "Please give a phone number or an e-mail" in response.content.decode()
    ok = send(visitor, tea, lang="en")
    assert ok["Location"].startswith(f"/en/hoi-mua/{tea.pk}/da-nhan/NC-")
    assert Inquiry.objects.get().language == "en"


def test_the_honeypot_refuses_and_keeps_nothing(visitor, tea):
    response = send(visitor, tea, website="http://spam.example")

    assert response.status_code == 400
    assert "yêu cầu có dấu hiệu gửi tự động" in response.content.decode()
    assert not Inquiry.objects.exists() and not mail.outbox


def test_the_sixth_inquiry_in_an_hour_from_one_address_gets_429(visitor, tea):
    for _ in range(5):
        assert send(visitor, tea).status_code == 302

    sixth = send(visitor, tea)
    other = send(Client(REMOTE_ADDR="203.0.113.9"), tea)

    assert sixth.status_code == 429
    assert "Bạn đã gửi 5 yêu cầu trong một giờ qua" in sixth.content.decode()
    assert other.status_code == 302
    assert Inquiry.objects.count() == 6


def test_a_thank_you_page_for_no_reference_is_not_found(visitor, tea):
    assert visitor.get(f"/hoi-mua/{tea.pk}/da-nhan/<b>hi</b>/").status_code == 404


# Who is told.


def test_the_producer_and_the_communes_officer_are_told_and_it_is_forwarded(
    visitor, tea, commune_officer
):
    make_staff("commune", commune=OTHER_COMMUNE, email="khac@example.vn")

    send(visitor, tea)

    inquiry = Inquiry.objects.get()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "canbo.namso@example.vn",
        "htx.namso@example.vn",
    ]
    to_producer = next(m for m in mail.outbox if m.to == ["htx.namso@example.vn"])
    assert inquiry.reference in to_producer.subject
    assert "Số lượng: 1,5 tấn" in to_producer.body and "0912 345 678" in to_producer.body
    to_officer = next(m for m in mail.outbox if m.to == ["canbo.namso@example.vn"])
    assert f"/lam-viec/nhu-cau/{inquiry.pk}/" in to_officer.body
    assert {n.recipient_role for n in Notice.objects.all()} == {"producer", "commune"}
    assert all(n.related == inquiry and n.product == tea for n in Notice.objects.all())
    assert inquiry.state == InquiryState.FORWARDED
    step = inquiry.steps.last()
    assert step.by is None and "htx.namso@example.vn" in step.note


def test_a_producer_without_an_email_leaves_it_new_for_the_officer(visitor, commune_officer):
    product = make_decision(make_product("Mật ong bạc hà"), date(2024, 5, 4)).product

    send(visitor, product)

    assert [m.to for m in mail.outbox] == [["canbo.namso@example.vn"]]
    assert "đề nghị chuyển yêu cầu cho chủ thể" in mail.outbox[0].body
    assert Inquiry.objects.get().state == InquiryState.NEW


def test_without_a_commune_officer_the_departments_officers_are_told(visitor, tea):
    make_staff("officer", email="so@example.vn")
    make_staff("commune", email="")  # no address: cannot be told

    send(visitor, tea)

    assert sorted(m.to[0] for m in mail.outbox) == ["htx.namso@example.vn", "so@example.vn"]
    assert Notice.objects.get(recipient="so@example.vn").recipient_role == "department"


def test_every_message_answers_to_the_buyer(visitor, tea, commune_officer):
    send(visitor, tea)
    assert [m.reply_to for m in mail.outbox] == [["hoa@example.vn"], ["hoa@example.vn"]]
    mail.outbox.clear()
    send(visitor, tea, email="", phone="0912 345 678")
    assert all(m.reply_to == [] for m in mail.outbox)


def thanks_after(client, product, **fields) -> str:
    response = send(client, product, **fields)
    return client.get(response["Location"]).content.decode()


def test_the_buyer_reads_only_where_the_inquiry_went(visitor, tea, commune_officer, settings):
    said = thanks_after(visitor, tea)
    assert "đã được gửi tới chủ thể và cán bộ xã/phường phụ trách" in said
    no_email = make_producer("Hợp tác xã Mật ong Nậm Sỏ")
    honey = make_decision(make_product("Mật ong bạc hà", no_email), date(2024, 5, 4)).product
    said = thanks_after(visitor, honey)
    assert "Sổ chưa có thư điện tử của chủ thể, nên yêu cầu đã được gửi tới cán bộ xã/phường" in (
        said
    )
    assert "chủ thể và cán bộ" not in said
    commune_officer.delete()
    settings.OCOP_DEPARTMENT_PHONE = "0213 3800 000"
    said = thanks_after(visitor, honey)
    assert "chưa gửi được cho ai" in said and 'href="tel:02133800000"' in said
    assert "chủ thể sẽ liên hệ" not in said


def test_a_thank_you_page_of_another_inquiry_or_product_is_not_found(visitor, tea):
    response = send(visitor, tea)
    other = make_decision(make_product("Gạo"), date(2024, 5, 4)).product
    wrong = response["Location"].replace(f"/{tea.pk}/", f"/{other.pk}/")
    assert visitor.get(wrong).status_code == 404


def test_a_refused_message_is_logged_and_the_inquiry_stays_new(visitor, tea, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there

    response = send(visitor, tea)

    assert response.status_code == 302
    notice = Notice.objects.get(recipient="htx.namso@example.vn")
    assert notice.sent_at is None and notice.error
    assert Inquiry.objects.get().state == InquiryState.NEW


# The back office.


@pytest.fixture
def inquiry(tea):
    received = Inquiry.objects.create(
        product=tea, quantity=500, quantity_unit="kg", place="Hà Nội", name="Trần Văn Bình",
        phone="0987654321",
    )  # fmt: skip
    InquiryStep.objects.create(inquiry=received, state="new", by_name="Người mua")
    return received


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_communes_officer_forwards_then_answers_with_who_and_when(inquiry, commune_officer):
    client = as_user(commune_officer)
    url = f"/lam-viec/nhu-cau/{inquiry.pk}/"

    first = client.post(url, {"state": "forwarded", "note": "Đã gọi điện cho HTX."})
    second = client.post(url, {"state": "answered", "note": "HTX đã báo giá cho người mua."})

    assert first.status_code == second.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.state == InquiryState.ANSWERED
    steps = list(inquiry.steps.all())
    assert [s.state for s in steps] == ["new", "forwarded", "answered"]
    assert steps[1].by == commune_officer and steps[1].by_name == commune_officer.username
    assert steps[1].note == "Đã gọi điện cho HTX." and steps[1].at <= steps[2].at
    page = client.get(url).content.decode()
    assert "Đã trả lời người mua" in page and "HTX đã báo giá cho người mua." in page


@pytest.mark.parametrize(
    "who",
    [
        lambda: make_staff("commune", commune=OTHER_COMMUNE),
        lambda: make_staff("viewer"),
    ],
    ids=["other-commune", "viewer"],
)
def test_others_read_but_cannot_move_it(inquiry, who):
    client = as_user(who())
    url = f"/lam-viec/nhu-cau/{inquiry.pk}/"

    page = client.get(url)
    refused = client.post(url, {"state": "closed"})

    assert page.status_code == 200 and "Cập nhật tình trạng" not in page.content.decode()
    assert refused.status_code == 403
    inquiry.refresh_from_db()
    assert inquiry.state == InquiryState.NEW and inquiry.steps.count() == 1


def test_the_department_moves_any_communes_inquiry(inquiry):
    client = as_user(make_staff("officer"))

    client.post(f"/lam-viec/nhu-cau/{inquiry.pk}/", {"state": "closed", "note": "Trùng."})

    inquiry.refresh_from_db()
    assert inquiry.state == InquiryState.CLOSED


def test_a_closed_inquiry_cannot_be_moved_back(inquiry, commune_officer):
    client = as_user(commune_officer)
    url = f"/lam-viec/nhu-cau/{inquiry.pk}/"
    client.post(url, {"state": "closed"})

    crafted = client.post(url, {"state": "answered"})

    assert crafted.status_code == 400
    inquiry.refresh_from_db()
    assert inquiry.state == InquiryState.CLOSED and inquiry.steps.count() == 2


def test_another_provinces_staff_do_not_see_it(inquiry):
    client = as_user(make_staff("officer", province=other_province("01")))

    assert client.get(f"/lam-viec/nhu-cau/{inquiry.pk}/").status_code == 404
    assert client.post(f"/lam-viec/nhu-cau/{inquiry.pk}/", {"state": "closed"}).status_code == 404
    assert inquiry.reference not in client.get("/lam-viec/nhu-cau/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(inquiry, visitor):
    for url in ("/lam-viec/nhu-cau/", f"/lam-viec/nhu-cau/{inquiry.pk}/", "/lam-viec/hoi-cho/"):
        assert visitor.get(url).status_code == 302


def test_the_list_filters_by_state_commune_and_product(inquiry, commune_officer):
    other_unit = Unit.objects.get(province__code="12", name=OTHER_COMMUNE)
    other_product = make_decision(
        make_product("Gạo tẻ Séng Cù", producer=make_producer("HTX Gạo", OTHER_COMMUNE)),
        date(2024, 1, 2),
    ).product
    Inquiry.objects.create(
        product=other_product, quantity=2, quantity_unit="tấn", place="Lào Cai", name="An",
        email="an@example.vn", state="answered",
    )  # fmt: skip
    client = as_user(commune_officer)

    every = client.get("/lam-viec/nhu-cau/").content.decode()
    open_only = client.get("/lam-viec/nhu-cau/?state=open").content.decode()
    by_unit = client.get(f"/lam-viec/nhu-cau/?unit={other_unit.pk}").content.decode()
    by_name = client.get("/lam-viec/nhu-cau/?q=gao+te").content.decode()

    assert "Gạo tẻ Séng Cù" in every and inquiry.product.name in every
    assert "Gạo tẻ Séng Cù" not in open_only and inquiry.product.name in open_only
    assert "Gạo tẻ Séng Cù" in by_unit and inquiry.product.name not in by_unit
    assert "Gạo tẻ Séng Cù" in by_name and inquiry.product.name not in by_name


def test_a_bad_day_in_the_filter_is_named_and_the_rest_still_applies(inquiry, commune_officer):
    response = as_user(commune_officer).get("/lam-viec/nhu-cau/?since=31/02/2025&state=new")

    assert response.status_code == 200
    assert "Ngày không hợp lệ: &#x27;31/02/2025&#x27;" in response.content.decode()
    assert inquiry.reference in response.content.decode()


def test_where_demand_is_counts_per_commune_and_product(inquiry, commune_officer):
    Inquiry.objects.create(
        product=inquiry.product, quantity=1, quantity_unit="hộp", place="Huế", name="C",
        phone="0912000111", state="closed",
    )  # fmt: skip
    rice = make_decision(
        make_product("Gạo tẻ Séng Cù", producer=make_producer("HTX Gạo", OTHER_COMMUNE)),
        date(2024, 1, 2),
    ).product
    Inquiry.objects.create(
        product=rice, quantity=2, quantity_unit="tấn", place="Lào Cai", name="An",
        email="an@example.vn",
    )  # fmt: skip
    client = as_user(commune_officer)

    response = client.get("/lam-viec/nhu-cau/noi-co-nhu-cau/")

    communes = {
        (row["product__unit__name"], row["n"], row["open"], row["products"])
        for row in response.context["communes"]
    }
    products = [
        (row["product__name"], row["n"], row["open"]) for row in response.context["products"]
    ]
    assert communes == {("Nậm Sỏ", 2, 1, 1), (OTHER_COMMUNE, 1, 1, 1)}
    assert products == [(inquiry.product.name, 2, 1), ("Gạo tẻ Séng Cù", 1, 1)]
    assert response.context["total"] == 3


def test_the_csv_is_utf8_for_excel_and_formula_safe(inquiry, commune_officer):
    Inquiry.objects.create(
        product=inquiry.product, quantity=3, quantity_unit="kg", place="=HYPERLINK(1)",
        name="Lê Ánh", phone="0912000111",
    )  # fmt: skip

    response = as_user(commune_officer).get("/lam-viec/nhu-cau/tai-ve.csv?state=new")

    body = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeffSố tiếp nhận,Thời điểm nhận,Trạng thái,Sản phẩm")
    assert "'=HYPERLINK(1)" in body and "Lê Ánh" in body and inquiry.reference in body
    assert len(body.strip().splitlines()) == 3


def test_the_steps_are_in_the_audit_log(inquiry, commune_officer):
    as_user(commune_officer).post(f"/lam-viec/nhu-cau/{inquiry.pk}/", {"state": "forwarded"})

    step = InquiryStep.objects.get(state="forwarded")
    entry = Entry.objects.get(content_type__model="inquirystep", object_pk=str(step.pk))
    assert entry.source == "page" and entry.actor_id == commune_officer.pk
    assert Entry.objects.filter(content_type__model="inquiry", object_pk=str(inquiry.pk)).exists()


def test_the_menu_shows_both_pages(commune_officer):
    page = as_user(commune_officer).get("/lam-viec/").content.decode()

    assert 'href="/lam-viec/nhu-cau/"' in page and 'href="/lam-viec/hoi-cho/"' in page
