"""The data-quality desk's pages: department staff of a province see and fix their province's
items only; a pair confirmed as different does not come back; merge and undo from the page."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from ocop.imports.models import ImportJob
from ocop.quality.models import DistinctPair, MergeRecord
from ocop.registry.models import Decision, Producer, Product, ProductSet
from tests.factories import make_decision, make_product
from tests.quality_cast import other_province_twins, twin_producers, twin_products
from tests.staff import make_staff, other_province

pytestmark = pytest.mark.django_db

DESK = "/lam-viec/chat-luong/"
PRODUCERS = DESK + "trung-lap/chu-the/"
PRODUCTS = DESK + "trung-lap/san-pham/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def officer(client):
    client.force_login(make_staff("officer"))
    return client


def test_it_lists_look_alike_producers_and_products_of_the_province_only(officer):
    twin_producers(), twin_products(), other_province_twins()

    producers = officer.get(PRODUCERS).content.decode()
    products = officer.get(PRODUCTS).content.decode()

    assert "HTX Chè Nậm Sò" in producers and "Hợp tác xã Chè Nậm Sỏ" in producers
    assert "Sen Tây Hồ" not in producers and "Sen Tay Hồ" not in producers
    assert "Mật ong bạc hả" in products
    assert "1 cặp" in producers


def test_a_pair_confirmed_as_different_does_not_come_back(officer):
    honey, honey_again = twin_products()

    response = officer.post(PRODUCTS + "khac-nhau/", {"first": honey.pk, "second": honey_again.pk})

    assert response.status_code == 302
    assert DistinctPair.objects.filter(first_id=honey.pk, second_id=honey_again.pk).exists()
    page = officer.get(PRODUCTS).content.decode()
    assert f'value="{honey_again.pk}"' not in page
    assert "Không có cặp sản phẩm nào gần trùng" in page


def test_merge_and_undo_from_the_page(officer):
    kept, twin = twin_producers()

    response = officer.post(
        PRODUCERS + "gop/", {"first": kept.pk, "second": twin.pk, "keep": kept.pk}, follow=True
    )

    assert "Đã gộp “HTX Chè Nậm Sò” vào “Hợp tác xã Chè Nậm Sỏ”" in response.content.decode()
    assert not Producer.objects.filter(pk=twin.pk).exists()
    record = MergeRecord.objects.get()
    assert record.merged_by.username == "officer-12-0"

    response = officer.post(f"{DESK}da-gop/{record.pk}/hoan-tac/", follow=True)

    assert "Đã hoàn tác" in response.content.decode()
    assert Producer.objects.filter(pk=twin.pk, name="HTX Chè Nậm Sò").exists()


def test_the_kept_record_is_the_one_chosen(officer):
    honey, honey_again = twin_products()

    officer.post(
        PRODUCTS + "gop/", {"first": honey.pk, "second": honey_again.pk, "keep": honey_again.pk}
    )

    assert list(
        Product.objects.filter(name__startswith="Mật ong").values_list("pk", flat=True)
    ) == [honey_again.pk]


def test_a_merge_without_a_choice_is_refused_with_a_message(officer):
    honey, honey_again = twin_products()

    response = officer.post(
        PRODUCTS + "gop/", {"first": honey.pk, "second": honey_again.pk}, follow=True
    )

    assert "Hãy chọn bản ghi giữ lại." in response.content.decode()
    assert Product.objects.filter(pk=honey_again.pk).exists()


def test_a_crafted_merge_of_another_provinces_records_changes_nothing(officer):
    far, far_twin = other_province_twins()

    response = officer.post(
        PRODUCERS + "gop/", {"first": far.pk, "second": far_twin.pk, "keep": far.pk}, follow=True
    )

    assert "không thuộc tỉnh của bạn" in response.content.decode()
    assert Producer.objects.filter(pk=far_twin.pk).exists()
    assert not MergeRecord.objects.exists()


def test_another_provinces_merge_cannot_be_undone(officer):
    kept, twin = twin_producers()
    officer.post(PRODUCERS + "gop/", {"first": kept.pk, "second": twin.pk, "keep": kept.pk})
    record = MergeRecord.objects.get()
    client = Client()
    client.force_login(make_staff("officer", province=other_province("01")))

    response = client.post(f"{DESK}da-gop/{record.pk}/hoan-tac/")

    assert response.status_code == 404
    assert not Producer.objects.filter(pk=twin.pk).exists()
    assert "Nậm Sò" not in client.get(DESK + "da-gop/").content.decode()


@pytest.mark.parametrize("role", ["commune", "viewer"])
def test_the_desk_is_for_department_staff_only(client, role):
    honey, honey_again = twin_products()
    client.force_login(make_staff(role))

    assert client.get(DESK).status_code == 403
    response = client.post(
        PRODUCTS + "gop/", {"first": honey.pk, "second": honey_again.pk, "keep": honey.pk}
    )
    assert response.status_code == 403
    assert Product.objects.filter(pk=honey_again.pk).exists()


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(DESK)

    assert response.status_code == 302 and response["Location"].startswith("/lam-viec/dang-nhap/")


def test_a_decision_without_number_gets_one(officer):
    decision = make_decision(number="")
    assert '<span class="n">1</span> quyết định thiếu số' in officer.get(DESK).content.decode()

    officer.post(DESK + "thieu-so-quyet-dinh/", {"decision": decision.pk, "number": " 12/QĐ-UBND "})

    decision.refresh_from_db()
    assert decision.number == "12/QĐ-UBND"
    assert "Mọi quyết định đều có số" in officer.get(DESK + "thieu-so-quyet-dinh/").content.decode()


def test_a_number_the_product_already_has_on_that_day_is_refused(officer):
    product = make_product()
    make_decision(product, decided_on=date(2023, 3, 15), number="12/QĐ-UBND")
    blank = make_decision(product, decided_on=date(2023, 3, 15), number="-")

    response = officer.post(
        DESK + "thieu-so-quyet-dinh/", {"decision": blank.pk, "number": "12/QĐ-UBND"}, follow=True
    )

    assert "đã có quyết định số 12/QĐ-UBND ngày 15/03/2023" in response.content.decode()
    blank.refresh_from_db()
    assert blank.number == "-"


def test_a_product_gets_its_product_set(officer):
    product = make_product(group_as_written="Chè")
    tea_set = ProductSet.objects.order_by("number").first()

    officer.post(DESK + "thieu-bo-san-pham/", {"product": product.pk, "product_set": tea_set.pk})

    product.refresh_from_db()
    assert product.product_set == tea_set


def test_a_presumed_issuer_is_confirmed_or_corrected(officer):
    confirmed = make_decision(issuer="UBND huyện Tân Uyên", issuer_presumed=True)
    corrected = make_decision(
        make_product("Mật ong Tân Uyên"), issuer="UBND huyện Tân Uyên", issuer_presumed=True
    )

    officer.post(DESK + "co-quan-ban-hanh/", {"decision": confirmed.pk, "issuer": ""})
    officer.post(
        DESK + "co-quan-ban-hanh/", {"decision": corrected.pk, "issuer": "UBND H. than uyên"}
    )

    confirmed.refresh_from_db(), corrected.refresh_from_db()
    assert (confirmed.issuer, confirmed.issuer_presumed) == ("UBND huyện Tân Uyên", False)
    assert (corrected.issuer, corrected.issuer_presumed) == ("UBND huyện Than Uyên", False)


def test_an_issuer_naming_only_a_level_is_refused(officer):
    decision = make_decision(issuer="UBND huyện Tân Uyên", issuer_presumed=True)

    response = officer.post(
        DESK + "co-quan-ban-hanh/",
        {"decision": decision.pk, "issuer": "UBND cấp huyện"},
        follow=True,
    )

    assert "Chưa rõ cơ quan ban hành" in response.content.decode()
    decision.refresh_from_db()
    assert decision.issuer_presumed


def test_another_provinces_decision_cannot_be_fixed_here(officer):
    far, _ = other_province_twins()
    decision = Decision.objects.get(product__producer=far)
    decision.number = ""
    decision.save()

    response = officer.post(
        DESK + "thieu-so-quyet-dinh/", {"decision": decision.pk, "number": "1/QĐ"}
    )

    assert response.status_code == 404
    assert "Trà sen" not in officer.get(DESK + "thieu-so-quyet-dinh/").content.decode()


def applied_job(province, name="danh-sach.xlsx"):
    issue = {
        "file": name, "sheet": "Sheet1", "row": 7, "column": "C", "label": "Tên chủ thể",
        "value": "HTX Chè Nậm Sò", "severity": "warning",
        "message": 'gần giống chủ thể "Hợp tác xã Chè Nậm Sỏ" (cùng xã/phường)',
    }  # fmt: skip
    return ImportJob.objects.create(
        state=ImportJob.State.APPLIED,
        province=province,
        files=[{"name": name, "stored": "a", "sha256": "0", "size": 1}],
        result={"issues": [issue, {**issue, "severity": "error", "message": "lỗi"}]},
        applied_at=timezone.now(),
    )


def test_the_warnings_of_applied_imports_are_listed_until_seen(officer):
    from ocop.registry.models import Province

    job = applied_job(Province.objects.get(code="12"))
    applied_job(other_province("01"), name="ha-noi.xlsx")

    page = officer.get(DESK + "canh-bao-khi-nhap/").content.decode()
    assert "gần giống chủ thể" in page and "ha-noi.xlsx" not in page and ">lỗi<" not in page

    officer.post(DESK + "canh-bao-khi-nhap/", {"job": job.pk})

    assert "Không còn lần nhập nào" in officer.get(DESK + "canh-bao-khi-nhap/").content.decode()
