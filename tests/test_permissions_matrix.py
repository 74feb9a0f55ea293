"""The permission matrix: role × action × own/other commune × every way in (a workspace page,
an admin list, add, change and delete page, a form post, a crafted post a browser would never
send). The expectations are written out here, not read from ocop.domain.roles, so that a change
of the table is a deliberate change of this file too. Runs on SQLite and on PostgreSQL
(DATABASE_URL)."""

import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from ocop.accounts.admin_scope import ScopedAdmin, ScopedInline
from ocop.registry.models import Decision, Producer, Product, Province, Unit
from tests.admin_forms import form_of
from tests.factories import make_decision, make_producer, make_product
from tests.staff import OTHER_COMMUNE, make_staff

pytestmark = pytest.mark.django_db

ROLES = ["admin", "officer", "commune", "viewer"]
ALL = {
    "view", "edit_local", "decide", "revoke", "report", "import", "quality", "audit_log",
    "users", "reference",
}  # fmt: skip
EXPECTED = {
    "admin": ALL,
    "officer": ALL - {"users", "reference"},
    "commune": {"view"},
    "viewer": {"view"},
}
OWN_COMMUNE_ALSO = {"commune": {"edit_local"}}


def may(role: str, action: str, own: bool = False) -> bool:
    return action in EXPECTED[role] or (own and action in OWN_COMMUNE_ALSO.get(role, set()))


def may_somewhere(role: str, action: str) -> bool:
    return may(role, action) or may(role, action, own=True)


@pytest.fixture
def records():
    """A product with a decision in the commune officer's commune (Nậm Sỏ) and one in
    another commune of the province."""
    own = make_decision(make_product("Chè Shan tuyết Nậm Sỏ", make_producer())).product
    other_producer = make_producer("Hợp tác xã Mật ong Tân Uyên", OTHER_COMMUNE)
    other = make_decision(make_product("Mật ong bạc hà", other_producer)).product
    return {"own": own, "other": other}


def signed_in(client, role):
    client.force_login(make_staff(role))
    return client


def select_of(html: str, name: str) -> str:
    found = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    return found.group(0) if found else ""


def full_form(django_user_model, client_class, url) -> dict:
    """The form as an administrator's browser has it: what a crafted request copies."""
    boss = django_user_model.objects.create_superuser("sieu.quan.tri", "s@x.vn", "x")
    client = client_class()
    client.force_login(boss)
    return form_of(client, url)


# --- workspace pages ---------------------------------------------------------------------

PAGES = [
    ("workspace:home", "view"),
    ("reports:index", "view"),
    ("reports:preview", "view"),
    ("accounts:users", "users"),
    ("accounts:user_create", "users"),
    ("accounts:second_factor", "users"),
    ("imports:index", "import"),
    ("quality:desk", "quality"),
    ("audit:log", "audit_log"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url_name", "action"), PAGES)
def test_workspace_pages(client, role, url_name, action):
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        pytest.skip(f"{url_name} is not built yet")
    response = signed_in(client, role).get(url)
    assert response.status_code == (200 if may_somewhere(role, action) else 403), url


@pytest.mark.parametrize("role", ROLES)
def test_the_letter_needs_report(client, role):
    response = signed_in(client, role).get("/bao-cao/cong-van.docx?ngay=2025-12-31")
    assert response.status_code == (200 if may(role, "report") else 403)


@pytest.mark.parametrize("url", ["/lam-viec/", "/lam-viec/nguoi-dung/", "/bao-cao/", "/admin/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(("/lam-viec/dang-nhap/", "/admin/login/"))


def test_an_account_without_a_role_is_refused_everywhere(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("khach", is_staff=True))
    assert client.get("/lam-viec/").status_code == 403
    assert client.get("/bao-cao/").status_code == 403
    assert client.get("/admin/registry/product/")["Location"].startswith("/admin/login/")


# --- the admin: lists and add pages ----------------------------------------------------------

# model, action to see it, action to add (None: nobody adds there)
ADMIN_MODELS = [
    ("registry/product", "view", "edit_local"),
    ("registry/producer", "view", "edit_local"),
    ("registry/decision", "view", "decide"),
    ("registry/unit", "view", "reference"),
    ("registry/oldunit", "view", "reference"),
    ("registry/province", "view", "reference"),
    ("registry/productset", "view", "reference"),
    ("registry/holiday", "view", "reference"),
    ("reports/lettertexts", "view", "report"),
    ("catalog/misusereport", "revoke", None),
    ("catalog/scancount", "view", None),
    ("imports/importrun", "import", None),
    ("auth/user", "users", "users"),
    ("auth/group", "users", "users"),
    ("axes/accessattempt", "users", None),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("model", "see", "add"), ADMIN_MODELS)
def test_admin_lists_and_add_pages(client, records, role, model, see, add):
    client = signed_in(client, role)
    listing = client.get(f"/admin/{model}/")
    assert listing.status_code == (200 if may_somewhere(role, see) else 403), model
    adding = client.get(f"/admin/{model}/add/")
    expected = 200 if add and may_somewhere(role, add) else 403
    assert adding.status_code == expected, model


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_index_lists_only_what_the_role_may_see(client, role):
    html = signed_in(client, role).get("/admin/").content.decode()
    assert ('href="/admin/registry/product/"' in html) is may_somewhere(role, "view")
    assert ('href="/admin/auth/user/"' in html) is may(role, "users")
    assert ('href="/admin/registry/province/' in html) is may_somewhere(role, "view")


def test_every_admin_screen_and_inline_follows_the_table():
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, ScopedAdmin), model
        for inline in model_admin.inlines:
            assert issubclass(inline, ScopedInline), (model, inline)


# --- the admin: one record, own or other commune ---------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", ["own", "other"])
@pytest.mark.parametrize("model", ["product", "producer"])
def test_change_page_and_crafted_post_of_a_commune_record(
    client, django_user_model, records, role, whose, model
):
    record = records[whose] if model == "product" else records[whose].producer
    url = f"/admin/registry/{model}/{record.pk}/change/"
    data = full_form(django_user_model, type(client), url)
    assert data.get("name") == record.name
    own = whose == "own"
    allowed = may(role, "edit_local", own=own)
    client = signed_in(client, role)
    page = client.get(url)
    assert page.status_code == 200  # every role sees its province's records
    assert ('name="name"' in page.content.decode()) is allowed
    data["name"] = "Tên đã bị sửa"
    response = client.post(url, data)
    record.refresh_from_db()
    if allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert record.name == "Tên đã bị sửa"
    else:
        assert response.status_code == 403
        assert record.name != "Tên đã bị sửa"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_crafted_delete_of_a_producer(client, django_user_model, records, role, whose):
    producer = make_producer(f"Tổ hợp tác {whose}", "Nậm Sỏ" if whose == "own" else OTHER_COMMUNE)
    url = f"/admin/registry/producer/{producer.pk}/delete/"
    response = signed_in(client, role).post(url, {"post": "yes"})
    allowed = may(role, "edit_local", own=whose == "own")
    assert Producer.objects.filter(pk=producer.pk).exists() is not allowed
    if not allowed:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_adding_a_product_in_another_commune_is_refused(client, django_user_model, records, role):
    own_unit, other_unit = records["own"].unit, records["other"].unit
    data = full_form(django_user_model, type(client), "/admin/registry/product/add/")
    client = signed_in(client, role)
    add_page = client.get("/admin/registry/product/add/").content.decode()
    if may_somewhere(role, "edit_local") and not may(role, "edit_local"):
        # The commune officer is offered their own commune only.
        offered = re.findall(r'<option value="(\d+)"', select_of(add_page, "unit"))
        assert offered == [str(own_unit.pk)]
    for unit, own in [(other_unit, False), (own_unit, True)]:
        name = f"Sản phẩm mới {unit.name}"
        data.update(name=name, producer=str(records["own"].producer.pk), unit=str(unit.pk))
        client.post("/admin/registry/product/add/", data)
        assert Product.objects.filter(name=name).exists() is may(role, "edit_local", own=own)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("field", ["stars", "revoked_on"])
def test_decisions_and_revocations_need_their_action(
    client, django_user_model, records, role, field
):
    decision = records["own"].decisions.get()
    url = f"/admin/registry/decision/{decision.pk}/change/"
    data = full_form(django_user_model, type(client), url)
    if field == "stars":
        data["stars"] = "5"
    else:
        data.update(revoked_on="01/06/2025", revocation_number="9/QĐ-UBND")
    signed_in(client, role).post(url, data)
    decision.refresh_from_db()
    changed = decision.stars == 5 if field == "stars" else decision.revoked_on is not None
    assert changed is may(role, "decide" if field == "stars" else "revoke")


@pytest.mark.parametrize("role", ROLES)
def test_decisions_on_the_product_page_are_read_only_without_decide(client, records, role):
    product = records["own"]
    html = signed_in(client, role).get(f"/admin/registry/product/{product.pk}/change/")
    assert ('name="decisions-0-stars"' in html.content.decode()) is may(role, "decide")


# --- another province ------------------------------------------------------------------------


@pytest.fixture
def ha_noi_unit():
    return Unit.objects.create(
        code="00001", name="Phúc Xá", kind="phường", province=Province.objects.get(code="01")
    )


@pytest.mark.parametrize("role", ROLES)
def test_another_provinces_staff_see_none_of_this_provinces_records(
    client, django_user_model, records, ha_noi_unit, role
):
    product = records["own"]
    commune = ha_noi_unit if role == "commune" else None
    client.force_login(make_staff(role, province="01", commune=commune))
    for model in ["product", "producer", "decision"]:
        listing = client.get(f"/admin/registry/{model}/")
        if listing.status_code == 200:
            # Communes' names are public reference data (the filters list them); records are not.
            html = listing.content.decode()
            assert "Chè Shan" not in html and "Hợp tác xã Chè" not in html, model
    for url in [
        f"/admin/registry/product/{product.pk}/change/",
        f"/admin/registry/producer/{product.producer.pk}/change/",
        f"/admin/registry/decision/{product.decisions.get().pk}/change/",
    ]:
        response = client.get(url, follow=True)
        assert "Chè Shan tuyết Nậm Sỏ" not in response.content.decode(), url
    data = full_form(
        django_user_model, type(client), f"/admin/registry/product/{product.pk}/change/"
    )
    data["name"] = "Sửa từ tỉnh khác"
    client.post(f"/admin/registry/product/{product.pk}/change/", data)
    client.post(f"/admin/registry/product/{product.pk}/delete/", {"post": "yes"})
    product.refresh_from_db()
    assert product.name == "Chè Shan tuyết Nậm Sỏ"
    # Nor pick this province's communes or producers for their own records.
    add = client.get("/admin/registry/product/add/").content.decode()
    assert f'value="{product.unit.pk}"' not in select_of(add, "unit")
    autocomplete = client.get(
        "/admin/autocomplete/",
        {"term": "Nậm", "app_label": "registry", "model_name": "product", "field_name": "producer"},
    )
    assert "Chè Nậm Sỏ" not in autocomplete.content.decode()


def test_an_administrator_manages_the_users_of_their_province_only(client, ha_noi_unit):
    here = make_staff("viewer", username="xem.laichau")
    there = make_staff("viewer", province="01", username="xem.hanoi")
    client.force_login(make_staff("admin", username="quan.tri.laichau"))
    page = client.get("/lam-viec/nguoi-dung/").content.decode()
    assert "xem.laichau" in page and "xem.hanoi" not in page
    assert client.get(f"/lam-viec/nguoi-dung/{here.pk}/").status_code == 200
    assert client.get(f"/lam-viec/nguoi-dung/{there.pk}/").status_code == 404
    response = client.post(f"/lam-viec/nguoi-dung/{there.pk}/", {"action": "password"})
    assert response.status_code == 404


def test_the_report_preview_is_of_the_staffs_own_province(client):
    client.force_login(make_staff("officer", province="01", username="can.bo.hanoi"))
    page = client.get("/bao-cao/xem-truoc/?tinh=12")
    assert page.status_code == 400
    assert Decision.objects.count() == 0
