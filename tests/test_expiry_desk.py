"""The expiry desk (/lam-viec/het-han/): products running out within 30/90/180 days or expired
and not re-evaluated, by commune in dictionary order, with contacts, the dossier's state and
the reminders sent; scoped to the province, a commune officer's commune first; the Excel
export read back with openpyxl."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ocop.domain.validity import add_months
from ocop.notices.models import Notice, Reminder
from tests.factories import make_decision, make_producer, make_product
from tests.staff import make_staff, other_province

DESK = "/lam-viec/het-han/"


def ending_in(days: int, name: str, producer=None, **fields):
    """A product whose recognition's last valid day is `days` from today."""
    target = timezone.localdate() + timedelta(days)
    decision = make_decision(
        make_product(name, producer=producer), decided_on=add_months(target, -36), **fields
    )
    assert decision.last_valid_day == target or target.day > 28
    return decision


@pytest.fixture
def registry(db):
    nam_so = make_producer(phone="0912 345 678", email="htx.namso@example.vn")
    tan_uyen = make_producer("Hợp tác xã Tân Uyên", unit_name="Tân Uyên", address="Bản Nà Ban")
    return {
        "soon": ending_in(20, "Chè Shan tuyết Nậm Sỏ", nam_so, stars=4),
        "quarter": ending_in(80, "Miến dong Tân Uyên", tan_uyen),
        "half": ending_in(170, "Chè xanh Nậm Sỏ", nam_so),
        "later": ending_in(400, "Gạo Nậm Sỏ", nam_so),
        "gone": ending_in(-10, "Mật ong Tân Uyên", tan_uyen),
    }


def signed_in(client, role="officer", **kwargs):
    client.force_login(make_staff(role, **kwargs))
    return client


def names(response) -> list[str]:
    return [row.product.name for _, rows in response.context["desk"].groups for row in rows]


def test_it_lists_products_running_out_within_the_chosen_days(client, registry):
    signed_in(client)
    assert names(client.get(DESK, {"trong": "30"})) == ["Chè Shan tuyết Nậm Sỏ"]
    in_90 = client.get(DESK)  # 90 days is the default
    assert sorted(names(in_90)) == ["Chè Shan tuyết Nậm Sỏ", "Miến dong Tân Uyên"]
    in_180 = names(client.get(DESK, {"trong": "180"}))
    assert "Chè xanh Nậm Sỏ" in in_180 and "Gạo Nậm Sỏ" not in in_180
    assert names(client.get(DESK, {"trong": "het-han"})) == ["Mật ong Tân Uyên"]


def test_communes_come_in_dictionary_order_with_contacts(client, registry):
    response = signed_in(client).get(DESK, {"trong": "180"})
    assert [str(unit) for unit, _ in response.context["desk"].groups] == [
        "Xã Nậm Sỏ",
        "Xã Tân Uyên",
    ]
    page = response.content.decode()
    assert "0912 345 678" in page and "htx.namso@example.vn" in page and "Bản Nà Ban" in page
    assert "còn 20 ngày" in page
    assert "Chưa nhắc" in page


def test_a_renewed_product_leaves_the_desk(client, registry):
    make_decision(registry["soon"].product, decided_on=timezone.localdate() - timedelta(5))
    assert "Chè Shan tuyết Nậm Sỏ" not in names(signed_in(client).get(DESK))


def test_a_commune_officer_starts_on_their_commune_and_may_see_the_province(client, registry):
    signed_in(client, "commune")
    own = client.get(DESK, {"trong": "180"})
    assert sorted(names(own)) == ["Chè Shan tuyết Nậm Sỏ", "Chè xanh Nậm Sỏ"]
    everything = client.get(DESK, {"trong": "180", "xa": "tat-ca"})
    assert "Miến dong Tân Uyên" in names(everything)


def test_a_commune_officer_sees_their_commune_first(client, db):
    make_producer("Hợp tác xã An Bình", unit_name="Tân Uyên")
    ending_in(20, "Miến dong Tân Uyên", make_producer("HTX Tân Uyên", unit_name="Tân Uyên"))
    ending_in(25, "Chè Nậm Sỏ", make_producer())
    signed_in(client, "commune", commune="Tân Uyên")
    groups = client.get(DESK, {"xa": "tat-ca"}).context["desk"].groups
    assert [str(unit) for unit, _ in groups] == ["Xã Tân Uyên", "Xã Nậm Sỏ"]


def test_another_provinces_staff_see_none_of_it(client, registry):
    signed_in(client, "officer", province=other_province())
    assert names(client.get(DESK, {"trong": "180", "xa": "tat-ca"})) == []


def test_it_asks_to_sign_in(client, registry):
    response = client.get(DESK)
    assert response.status_code == 302 and "/lam-viec/dang-nhap/" in response["Location"]


def test_it_shows_the_reminders_sent_and_the_dossier_state(client, registry):
    soon = registry["soon"]
    notice = Notice.objects.create(
        kind="reminder", recipient="htx.namso@example.vn", subject="s", body="b",
        sent_at=timezone.now(),
    )  # fmt: skip
    Reminder.objects.create(
        decision=soon, product=soon.product, interval=30, last_valid_day=soon.last_valid_day,
        recipient="htx.namso@example.vn", recipient_role="producer", notice=notice,
    )  # fmt: skip
    dossiers = pytest.importorskip("ocop.dossiers.models")
    dossiers.Dossier.objects.create(
        kind="renewal", product=soon.product, renews=soon, registered_on=timezone.localdate()
    )
    page = signed_in(client).get(DESK, {"trong": "30"}).content.decode()
    assert "trước 30 ngày, chủ thể (htx.namso@example.vn)" in page
    assert dossiers.Dossier.objects.get().get_state_display() in page


def test_the_excel_export_reads_back_with_dates_and_formula_safe_text(client, registry):
    producer = registry["soon"].product.producer
    producer.phone = '=HYPERLINK("http://x")'
    producer.save()
    response = signed_in(client).get(DESK + "tai-ve.xlsx", {"trong": "180", "xa": "tat-ca"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="het-han-180-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("Trong 180 ngày, tính đến ngày ")
    assert rows[1][:3] == ("Xã/phường", "Sản phẩm", "Hạng sao")
    first = rows[2]
    assert first[0] == "Xã Nậm Sỏ" and first[1] == "Chè Shan tuyết Nậm Sỏ" and first[2] == 4
    assert first[5].date() == registry["soon"].last_valid_day and first[6] == 20
    assert sheet.cell(row=3, column=6).number_format == "dd/mm/yyyy"
    assert sheet.cell(row=3, column=9).data_type == "s"  # the phone stays text
    assert first[8] == '=HYPERLINK("http://x")'
    assert [r[1] for r in rows[2:]] == [
        "Chè Shan tuyết Nậm Sỏ", "Chè xanh Nậm Sỏ", "Miến dong Tân Uyên",
    ]  # fmt: skip


def test_the_product_admin_page_lists_its_reminders(client, registry):
    soon = registry["soon"]
    notice = Notice.objects.create(
        kind="reminder", recipient="canbo@example.vn", subject="s", body="b",
        sent_at=timezone.now(), product=soon.product,
    )  # fmt: skip
    Reminder.objects.create(
        decision=soon, product=soon.product, interval=90, last_valid_day=soon.last_valid_day,
        recipient="canbo@example.vn", recipient_role="commune", notice=notice,
    )  # fmt: skip
    client.force_login(make_staff("admin"))
    page = client.get(f"/admin/registry/product/{soon.product.pk}/change/").content.decode()
    assert "thư nhắc hết hạn đã gửi" in page.lower()
    assert "canbo@example.vn" in page


def test_an_unknown_tab_or_commune_falls_back_to_the_default(client, registry):
    response = signed_in(client).get(DESK, {"trong": "999", "xa": "abc"})
    assert response.status_code == 200
    assert response.context["desk"].tab == "90" and response.context["desk"].commune is None


def test_a_long_list_stops_at_the_limit_and_the_export_has_it_all(client, registry, monkeypatch):
    monkeypatch.setattr("ocop.notices.desk.PAGE_LIMIT", 2)
    signed_in(client)
    response = client.get(DESK, {"trong": "180", "xa": "tat-ca"})
    assert len(names(response)) == 2
    assert "chỉ hiện 2 sản phẩm đầu tiên" in response.content.decode()
    export = client.get(DESK + "tai-ve.xlsx", {"trong": "180", "xa": "tat-ca"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row == 2 + 3


def test_it_prints_places_and_names_as_the_lists_do(client, db):
    # Issue 19: the desk and its export print what the appendices print; the registry keeps
    # the address and the name as typed.
    producer = make_producer(
        "Tổ hợp tác dệt thổ cẩm bản bo",
        unit_name="Bản Bo",
        address="bản hon, xã nà tăm, huyện tam đường",
    )
    ending_in(20, "Ớt khô bản bo", producer)
    signed_in(client)
    page = client.get(DESK).content.decode()
    assert "Bản Hon, xã Nà Tăm, huyện Tam Đường (nay là xã Bản Bo)" in page
    assert "Tổ hợp tác Dệt thổ cẩm Bản Bo" in page
    assert "Ớt khô Bản Bo" in page
    producer.refresh_from_db()
    assert producer.address == "bản hon, xã nà tăm, huyện tam đường"
