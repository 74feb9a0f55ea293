"""The log of changes: every write path leaves an entry with who, when, before and after and
from where; an import is one entry linking to everything it changed; the log survives the
record's deletion, is scoped to the province, searchable and exportable."""

import csv
import io
import sys
from datetime import date

import pytest
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory
from openpyxl import load_workbook

from ocop import cli
from ocop.audit.middleware import AuditMiddleware
from ocop.audit.models import Action, Entry, ImportChange
from ocop.imports.models import ImportRun
from ocop.registry.models import Decision, Product
from ocop.shared.change_source import source
from tests.factories import make_decision, make_product
from tests.staff import make_staff, other_province
from tests.workbooks import row, run, simple_list

pytestmark = pytest.mark.django_db


def entries_of(instance, pk=None):
    return Entry.objects.filter(
        content_type__model=instance._meta.model_name, object_pk=str(pk or instance.pk)
    ).order_by("id")


def ocop_main(monkeypatch, *argv):
    """The `ocop` entry point itself, in this process and on the test database (whose
    connection a command run from argv closes when done: kept open for the test's
    transaction)."""
    monkeypatch.setattr(sys, "argv", ["ocop", *argv])
    monkeypatch.setattr(connections, "close_all", lambda: None)
    cli.main()


@pytest.fixture
def admin_client(client):
    user = make_staff("admin", username="quan.tri")
    client.force_login(user)
    client.user = user
    return client


def test_an_admin_form_post_is_logged_with_the_user_the_page_and_before_after(admin_client):
    product = make_product()
    response = admin_client.post(
        "/admin/registry/decision/add/",
        {"product": product.pk, "stars": 3, "number": "12/QĐ-UBND", "decided_on": "29/02/2024",
         "issuer": "UBND tỉnh Lai Châu"},
        REMOTE_ADDR="10.1.2.3",
    )  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    decision = Decision.objects.get()
    created = entries_of(decision).get()
    assert created.action == Action.CREATE
    assert (created.actor_name, created.source) == ("quan.tri", "page")
    assert created.path == "/admin/registry/decision/add/"
    assert created.remote_addr == "10.1.2.3"
    assert created.province.code == "12"
    assert created.changes["number"] == ["None", "12/QĐ-UBND"]
    assert created.object_repr == "12/QĐ-UBND ngày 29/02/2024 — Chè Shan tuyết Nậm Sỏ"

    decision.stars = 4
    decision.save()  # outside any request: a plain ORM save is the system's
    changed = entries_of(decision).last()
    assert (changed.action, changed.source, changed.actor_id) == (Action.UPDATE, "system", None)
    assert changed.changes == {"stars": ["3", "4"]}


def test_a_workspace_page_write_is_logged_as_from_that_page(admin_client):
    product = make_product()

    def rename(request):
        product.name = "Chè Shan tuyết cổ thụ"
        product.save()
        return HttpResponse("ok")

    request = RequestFactory().post("/lam-viec/san-pham/1/", REMOTE_ADDR="192.0.2.7")
    request.user = admin_client.user
    AuditMiddleware(rename)(request)
    entry = entries_of(product).last()
    assert (entry.source, entry.path, entry.remote_addr) == ("page", "/lam-viec/san-pham/1/",
                                                             "192.0.2.7")  # fmt: skip
    assert entry.actor_id == admin_client.user.pk
    assert entry.changes["name"] == ["Chè Shan tuyết Nậm Sỏ", "Chè Shan tuyết cổ thụ"]


def test_an_anonymous_request_has_no_actor():
    product = make_product()

    def edit(request):
        product.description = "mô tả"
        product.save()
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    AuditMiddleware(edit)(request)
    entry = entries_of(product).last()
    assert (entry.actor_id, entry.actor_name, entry.source) == (None, "", "page")


def test_an_orm_save_in_a_command_is_logged_as_the_command(monkeypatch):
    product = make_product()
    code = (
        "from ocop.registry.models import Product; "
        f"p = Product.objects.get(pk={product.pk}); p.description = 'Sửa bằng lệnh'; p.save()"
    )
    ocop_main(monkeypatch, "shell", "-c", code)
    entry = entries_of(product).last()
    assert (entry.source, entry.path) == ("command", "ocop shell")
    assert "@" in entry.additional_data["operator"]
    assert entry.changes == {"description": ["", "Sửa bằng lệnh"]}


def test_an_import_by_the_command_is_one_entry_linking_to_everything_it_changed(
    monkeypatch, tmp_path
):
    user = make_staff("officer", username="can.bo.nhap")
    path = simple_list(tmp_path / "ds.xlsx", row(1), row(2, product="Mật ong bạc hà",
                                                         number="124/QĐ-UBND"))  # fmt: skip
    ocop_main(monkeypatch, "import", str(path), "--user", "can.bo.nhap", "--skip-checks")
    entry = Entry.objects.get(source="import")
    registry = Entry.objects.exclude(content_type__app_label__in=["auth", "backoffice"])
    assert registry.count() == 1  # bulk writes: no entry per row
    run_ = ImportRun.objects.get()
    assert (entry.object_pk, entry.content_type.model) == (str(run_.pk), "importrun")
    assert entry.actor_id == user.pk and entry.path == "ocop import"
    assert entry.additional_data["files"] == ["ds.xlsx"]
    assert entry.additional_data["import_runs"] == [run_.pk]
    assert entry.province.code == "12"
    changes = {(c.content_type.model, c.object_id, c.action) for c in entry.import_changes.all()}
    expected = {("producer", p, Action.CREATE) for p in Product.objects.values_list(
        "producer_id", flat=True)}  # fmt: skip
    expected |= {("product", p.pk, Action.CREATE) for p in Product.objects.all()}
    expected |= {("decision", d.pk, Action.CREATE) for d in Decision.objects.all()}
    assert changes == expected and len(changes) == 5
    decision = Decision.objects.get(number="124/QĐ-UBND")
    change = ImportChange.objects.get(content_type__model="decision", object_id=decision.pk)
    assert change.object_repr == "124/QĐ-UBND ngày 15/03/2023 — Mật ong bạc hà"
    assert change.changes is None  # a creation: its values are the record and the file's row


def test_an_import_that_changes_a_record_keeps_before_and_after(tmp_path):
    run(simple_list(tmp_path / "a.xlsx", row(1)))
    later = row(1, address="Bản Lao Chải, xã Nậm Sỏ", number="200/QĐ-UBND",
                decided_on=date(2024, 5, 2))  # fmt: skip
    run(simple_list(tmp_path / "b.xlsx", later))
    entry = Entry.objects.filter(source="import").first()  # newest first
    changed = entry.import_changes.get(action=Action.UPDATE, content_type__model="producer")
    assert changed.changes["address"] == [
        "Bản Mới, xã Nậm Sỏ, huyện Tân Uyên",
        "Bản Lao Chải, xã Nậm Sỏ",
    ]


def test_an_import_that_fails_leaves_no_entry(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ImportRun.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        run(simple_list(tmp_path / "a.xlsx", row(1)))
    assert not Entry.objects.exists() and not ImportChange.objects.exists()
    assert not Product.objects.exists()


def test_a_deleted_record_keeps_its_history_readable(admin_client):
    decision = make_decision()
    product = decision.product
    product.description = "Trước khi xóa"
    product.save()
    product_pk, decision_pk = product.pk, decision.pk
    with source("page", actor=admin_client.user):
        product.delete()  # the decision goes with it
    kinds = list(entries_of(product, product_pk).values_list("action", flat=True))
    assert kinds == [Action.CREATE, Action.UPDATE, Action.DELETE]
    assert entries_of(decision, decision_pk).filter(action=Action.DELETE).exists()
    response = admin_client.get(f"/lam-viec/nhat-ky/registry.product/{product_pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Bản ghi này đã bị xóa" in text and "Trước khi xóa" in text
    assert "quan.tri" in text


def test_a_deleted_user_leaves_the_log_untouched(admin_client):
    other = make_staff("viewer", username="nguoi.xem")
    with source("page", actor=other):
        make_product()
    entry = Entry.objects.filter(actor=other).first()
    other.delete()
    entry.refresh_from_db()
    assert entry.actor_name == "nguoi.xem"


def test_a_password_change_is_logged_but_never_shown():
    user = make_staff("viewer", username="doi.mat.khau")
    user.set_password("mat-khau-moi-2026")
    user.save()
    entry = entries_of(user).last()
    assert entry.changes["password"] == ["(đã ẩn)", "(đã ẩn)"]
    # Neither the hash nor the name of its algorithm (whichever hasher the settings name).
    algorithm = user.password.split("$", 1)[0]
    assert user.password not in str(entry.changes) and user.password not in entry.search_text
    assert algorithm not in str(entry.changes) and algorithm not in entry.search_text


def test_staff_see_only_their_provinces_entries(client):
    make_product()
    mine = make_staff("admin", username="lai.chau")
    theirs = make_staff("admin", province=other_province(), username="ha.noi")
    client.force_login(theirs)
    assert "Chè Shan tuyết" not in client.get("/lam-viec/nhat-ky/").content.decode()
    client.force_login(mine)
    assert "Chè Shan tuyết" in client.get("/lam-viec/nhat-ky/").content.decode()


def test_the_log_needs_its_action_and_a_records_history_only_view(client):
    product = make_product()
    client.force_login(make_staff("commune"))
    assert client.get("/lam-viec/nhat-ky/").status_code == 403
    assert client.get("/lam-viec/nhat-ky/tai-ve.csv").status_code == 403
    response = client.get(f"/lam-viec/nhat-ky/registry.product/{product.pk}/")
    assert response.status_code == 200 and "Chè Shan tuyết" in response.content.decode()
    user = make_staff("viewer", username="xem")
    assert client.get(f"/lam-viec/nhat-ky/auth.user/{user.pk}/").status_code == 403
    client.logout()
    assert client.get("/lam-viec/nhat-ky/").status_code == 302


def test_the_log_searches_without_diacritics_and_filters(admin_client):
    make_product()
    make_product("Mật ong bạc hà")
    page = admin_client.get("/lam-viec/nhat-ky/", {"q": "che shan"}).content.decode()
    assert "Chè Shan tuyết" in page and "Mật ong" not in page
    page = admin_client.get("/lam-viec/nhat-ky/", {"model": "registry.producer"}).content
    assert "Hợp tác xã Chè Nậm Sỏ" in page.decode() and "Mật ong" not in page.decode()
    today = date.today().strftime("%d/%m/%Y")
    assert "Mật ong" in admin_client.get("/lam-viec/nhat-ky/", {"since": today}).content.decode()
    page = admin_client.get("/lam-viec/nhat-ky/", {"since": "01/01/2000", "until": "31/12/2000"})
    assert "Mật ong" not in page.content.decode()
    page = admin_client.get("/lam-viec/nhat-ky/", {"since": "31/02/2025"}).content.decode()
    assert "Ngày không hợp lệ" in page


def test_the_export_opens_back_and_is_formula_safe(admin_client):
    make_product('=HYPERLINK("http://x","bấm")')
    body = admin_client.get("/lam-viec/nhat-ky/tai-ve.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "Thời điểm"
    assert any(r[4] == '\'=HYPERLINK("http://x","bấm")' for r in rows[1:])
    response = admin_client.get("/lam-viec/nhat-ky/tai-ve.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0][1] == "Thao tác"
    cell = next(r[4] for r in sheet.iter_rows(min_row=2) if str(r[4].value).startswith("=HY"))
    assert cell.data_type == "s" and cell.quotePrefix
    assert any("Tên sản phẩm:" in (r[9] or "") for r in values[1:])


def test_an_import_entry_lists_its_records(admin_client, tmp_path):
    run(simple_list(tmp_path / "a.xlsx", row(1)), user=admin_client.user)
    entry = Entry.objects.get(source="import")
    log = admin_client.get("/lam-viec/nhat-ky/").content.decode()
    assert "a.xlsx" in log and "3 bản ghi được thêm hoặc sửa" in log
    detail = admin_client.get(f"/lam-viec/nhat-ky/muc/{entry.pk}/").content.decode()
    assert "Chè Shan tuyết Nậm Sỏ" in detail and "123/QĐ-UBND ngày 15/03/2023" in detail
    product = Product.objects.get()
    history = admin_client.get(f"/lam-viec/nhat-ky/registry.product/{product.pk}/").content
    assert "Nhập danh sách: a.xlsx" in history.decode()


def test_the_admin_links_a_records_history(admin_client):
    product = make_product()
    page = admin_client.get(f"/admin/registry/product/{product.pk}/change/").content.decode()
    assert f'href="/lam-viec/nhat-ky/registry.product/{product.pk}/"' in page
    assert "Lịch sử thay đổi" in page


def test_the_admin_shows_the_log_read_only(admin_client):
    make_product()
    entry = Entry.objects.filter(content_type__model="product").get()
    assert admin_client.get("/admin/audit/entry/").status_code == 200
    assert admin_client.get(f"/admin/audit/entry/{entry.pk}/delete/").status_code == 403
    response = admin_client.post(f"/admin/audit/entry/{entry.pk}/change/", {"object_repr": "x"})
    assert response.status_code == 403
    assert Entry.objects.get(pk=entry.pk).object_repr == entry.object_repr
