"""Every admin screen walked by staff who must not reach a record. For each model the admin
registers, one record of Lai Châu (commune Nậm Sỏ); three visitors walk every URL its model
admin serves (list, add, history, change, delete, the catch-all and the admin's own extra
views such as a report's photo), the autocomplete boxes that offer it, and post a change, a
delete and every bulk action of the list:

- an officer and an administrator of another province (Hà Nội) must get no answer carrying
  the record (403, 404, the sign-in page, or a page without it), except rows every province
  shares (product sets, holidays, groups), which their role may read and, for the
  administrator, change;
- a commune officer of another commune of Lai Châu (Tân Uyên) reads the province as the role
  table says (ocop.domain.roles: VIEW), but changes nothing there.

Lai Châu's own administrator reads each record, so that a scope shutting out everyone would
not pass.

The expectations are written here by hand (CASES), not read from the admin's declarations: the
models come from admin.site, so a model registered later is walked too, and fails here until it
has a line in CASES and a declared scope."""

import re
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from ocop.accounts.admin_scope import Scope, ScopedAdmin, ScopedInline
from ocop.audit.models import Entry
from ocop.catalog.models import MisuseReport, PointOfSale, ScanCount
from ocop.imports.models import ImportRun
from ocop.notices.models import Notice
from ocop.registry.models import Holiday, OldUnit, ProductSet, Province, Unit
from ocop.reports.models import LetterTexts, default_texts
from ocop.workspace.admin import SharedReferenceAdmin
from ocop.workspace.admin_site import OcopAdminSite
from tests.admin_forms import form_of
from tests.factories import make_decision, make_producer, make_product
from tests.quality_cast import jpeg
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

OFFICER_ELSEWHERE = "officer of Hà Nội"
ADMIN_ELSEWHERE = "administrator of Hà Nội"
NEXT_DOOR = "commune officer of Tân Uyên"
WALKERS = (OFFICER_ELSEWHERE, ADMIN_ELSEWHERE, NEXT_DOOR)
EVERYONE = frozenset(WALKERS)


@pytest.fixture(autouse=True)
def fast(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


def walker(name: str):
    if name == OFFICER_ELSEWHERE:
        return make_staff("officer", province="01", username="can-bo-ha-noi")
    if name == ADMIN_ELSEWHERE:
        return make_staff("admin", province="01", username="quan-tri-ha-noi")
    return make_staff("commune", commune="Tân Uyên", username="can-bo-tan-uyen")


# --- one record of Lai Châu per model --------------------------------------------------------


def product():
    return make_product("Chè Zqxsp", make_producer("Hợp tác xã Zqxct"))


def decision():
    return make_decision(product(), number="7/QĐ-Zqxqd")


def point_of_sale_entry():
    """A log entry of Lai Châu: the one the log writes for a new point of sale."""
    shop = PointOfSale.objects.create(product=product(), name="Cửa hàng Zqxnk")
    return Entry.objects.get(object_repr__contains="Zqxnk", object_pk=str(shop.pk))


def lai_chau():
    province = Province.objects.get(code="12")
    Province.objects.filter(pk=province.pk).update(name="Lai Châu Zqxtp")
    return province


def letter_texts():
    province = Province.objects.get(code="12")
    texts = {**default_texts(province), "signer_name": "Zqxvb"}
    return LetterTexts.objects.update_or_create(province=province, defaults=texts)[0]


def misuse_report():
    """A report quoting the code of a Lai Châu decision: Lai Châu's (MisuseReport.seen_by)."""
    return MisuseReport.objects.create(
        code=decision().public_code,
        place="Chợ Zqxpa",
        description="Nhãn OCOP 5 sao trên hộp chè không có quyết định.",
        photo=jpeg(),
        contact="0912 000 000",
    )


def import_run():
    now = timezone.now()
    return ImportRun.objects.create(
        province=Province.objects.get(code="12"),
        started_at=now,
        finished_at=now,
        file_name="Zqxnh.xlsx",
        sha256="0" * 64,
        status=ImportRun.Status.APPLIED,
    )


def old_unit():
    return OldUnit.objects.create(
        name="Zqxcu", kind="xã", district="Phong Thổ", district_kind="huyện",
        province=Province.objects.get(code="12"), successor=Unit.objects.get(name="Nậm Sỏ"),
        confidence=OldUnit.Confidence.HIGH,
    )  # fmt: skip


def notice():
    return Notice.objects.create(
        kind="revocation", product=product(), recipient="htx@example.vn", subject="Thư Zqxth",
        body="Sản phẩm của hợp tác xã đã bị thu hồi.",
    )  # fmt: skip


def lai_chau_account():
    return make_staff("viewer", username="zqxnd")


def attempt(model):
    """A throttle record about an account of Lai Châu."""
    lai_chau_account()
    fields = {"attempt_time": timezone.make_aware(datetime(2026, 1, 5, 8))}
    if model is AccessAttempt:
        fields.update(get_data="", post_data="", failures_since_start=2)
    return model.objects.create(
        username="zqxnd", ip_address="10.9.9.9", user_agent="Zqxua", http_accept="*/*",
        path_info="/lam-viec/dang-nhap/", **fields,
    )  # fmt: skip


@dataclass(frozen=True)
class Case:
    make: object  # () -> the record of Lai Châu
    marker: str | tuple  # texts of the record, one of which each of its pages shows
    readers: frozenset = frozenset()  # walkers whose role reads it
    changers: frozenset = frozenset()  # walkers whose role changes it
    change: tuple | None = None  # (field, value) an administrator of every province can post


SHARED = frozenset({OFFICER_ELSEWHERE, ADMIN_ELSEWHERE, NEXT_DOOR})
CASES = {
    "registry.product": Case(product, "Zqxsp", {NEXT_DOOR}, change=("name", "Chè đã sửa")),
    "registry.producer": Case(
        lambda: make_producer("Hợp tác xã Zqxct"), "Zqxct", {NEXT_DOOR}, change=("name", "HTX A")
    ),
    "registry.decision": Case(decision, "Zqxqd", {NEXT_DOOR}, change=("number", "8/QĐ-UBND")),
    "registry.unit": Case(
        lambda: Unit.objects.create(
            code="99901", name="Xã Zqxdv", kind="xã", province=Province.objects.get(code="12")
        ),
        "Zqxdv",
        {NEXT_DOOR},
        change=("name", "Xã đã sửa"),
    ),
    "registry.oldunit": Case(old_unit, "Zqxcu", {NEXT_DOOR}, change=("name", "Xã cũ đã sửa")),
    "registry.province": Case(lai_chau, "Zqxtp", {NEXT_DOOR}, change=("name", "Lai Châu")),
    # Shared by every province: every role reads them, the administrators change them.
    "registry.productset": Case(
        lambda: ProductSet.objects.create(
            number=99, key="zqx", sector="Thực phẩm", group="Chè", name="Zqxbo"
        ),
        "Zqxbo",
        SHARED,
        {ADMIN_ELSEWHERE},
        change=("name", "Bộ đã sửa"),
    ),
    "registry.holiday": Case(
        lambda: Holiday.objects.create(day=date(2031, 1, 2), name="Zqxle"),
        "Zqxle",
        SHARED,
        {ADMIN_ELSEWHERE},
        change=("name", "Nghỉ bù"),
    ),
    "reports.lettertexts": Case(
        letter_texts, "Zqxvb", {NEXT_DOOR}, change=("signer_name", "Người ký khác")
    ),
    "catalog.scancount": Case(
        lambda: ScanCount.objects.create(decision=decision(), day=date(2026, 1, 5), count=5),
        ("Zqxsp", "Zqxqd"),  # its list names the product, its page the decision
        {NEXT_DOOR},
    ),
    "catalog.misusereport": Case(misuse_report, "Zqxpa", change=("status", "seen")),
    "imports.importrun": Case(import_run, "Zqxnh"),
    "notices.notice": Case(notice, "Zqxth", {NEXT_DOOR}),
    "audit.entry": Case(point_of_sale_entry, "Zqxnk"),
    "auth.user": Case(lai_chau_account, "zqxnd", change=("username", "da-doi-ten")),
    "auth.group": Case(
        lambda: Group.objects.create(name="Zqxnhom"),
        "Zqxnhom",
        {ADMIN_ELSEWHERE},
        {ADMIN_ELSEWHERE},
        change=("name", "Nhóm đã sửa"),
    ),
    "axes.accessattempt": Case(lambda: attempt(AccessAttempt), "Zqxua"),
    "axes.accesslog": Case(lambda: attempt(AccessLog), "Zqxua"),
    "axes.accessfailurelog": Case(lambda: attempt(AccessFailureLog), "Zqxua"),
}
REGISTERED = sorted(model._meta.label_lower for model in admin.site._registry)


def test_every_registered_model_is_walked():
    assert sorted(CASES) == REGISTERED


@pytest.mark.parametrize("label", REGISTERED)
def test_every_registered_model_declares_its_scope(label):
    model_admin = next(a for m, a in admin.site._registry.items() if m._meta.label_lower == label)
    assert isinstance(model_admin, ScopedAdmin), label
    assert isinstance(model_admin.scope, Scope), label
    assert all(issubclass(inline, ScopedInline) for inline in model_admin.inlines), label


def test_the_admin_does_not_start_with_a_model_admin_that_declares_no_scope():
    site = OcopAdminSite()
    site.register(Holiday)  # Django's plain ModelAdmin: it would decide by is_staff alone
    with pytest.raises(ImproperlyConfigured, match=r"registry\.Holiday"):
        site.get_urls()
    site.unregister(Holiday)
    site.register(Holiday, SharedReferenceAdmin)
    assert site.get_urls()


# --- the walk ---------------------------------------------------------------------------------


def base_of(model) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


def urls_of(model_admin, pk) -> list[str]:
    """Every URL the model admin serves, for the record `pk`: Django's own and its extras."""
    base = base_of(model_admin.model)
    return [base + re.sub(r"<[^>]+>", str(pk), str(p.pattern)) for p in model_admin.get_urls()]


def autocompletes_of(model) -> list[dict]:
    """The autocomplete boxes, on any admin page, that offer rows of `model`."""
    boxes = []
    for owner, owner_admin in admin.site._registry.items():
        for name in owner_admin.autocomplete_fields:
            if owner._meta.get_field(name).related_model is model:
                opts = owner._meta
                boxes.append(
                    {"app_label": opts.app_label, "model_name": opts.model_name, "field_name": name}
                )
    return boxes


def carries(response, case: Case, change_url: str) -> bool:
    """Does this answer hand over the record: a file (a report's photo), or a page or JSON
    naming it or linking to it?"""
    if response.status_code != 200:
        return False
    if not response["Content-Type"].startswith(("text/html", "application/json")):
        return True
    body = response.content.decode().lower()
    markers = case.marker if isinstance(case.marker, tuple) else (case.marker,)
    return any(marker.lower() in body for marker in markers) or change_url in body


def row(model, pk) -> dict | None:
    return model._default_manager.filter(pk=pk).values().first()


def actions_of(client, changelist: str) -> list[str]:
    """The bulk actions the list offers (to an administrator of every province)."""
    html = client.get(changelist).content.decode()
    select = re.search(r'<select name="action".*?</select>', html, re.S)
    return re.findall(r'<option value="(\w+)"', select.group(0)) if select else []


@pytest.mark.parametrize("label", REGISTERED)
def test_nobody_reaches_another_provinces_or_communes_record_through_the_admin(
    client, django_user_model, label
):
    assert label in CASES, f"{label} is registered in the admin but not walked: add it to CASES"
    case = CASES[label]
    record = case.make()
    model = type(record)
    model_admin = admin.site._registry[model]
    changelist = base_of(model)
    change_url, delete_url = f"{changelist}{record.pk}/change/", f"{changelist}{record.pk}/delete/"
    # Lai Châu's own administrator reads it, in the list and on its page: the scopes shut
    # out the others, not everyone.
    client.force_login(make_staff("admin", username="quan-tri-lai-chau"))
    for url in (changelist, change_url):
        assert carries(client.get(url), case, change_url), f"Lai Châu cannot read {label}"
    boss = django_user_model.objects.create_superuser("sieu-quan-tri", "s@example.vn", "x")
    client.force_login(boss)
    form = form_of(client, change_url)
    actions = actions_of(client, changelist)
    if case.change:
        form[case.change[0]] = case.change[1]
    before = row(model, record.pk)

    for name in WALKERS:
        client.force_login(walker(name))
        answers = [(url, client.get(url, follow=True)) for url in urls_of(model_admin, record.pk)]
        for box in autocompletes_of(model):
            url = "/admin/autocomplete/"
            term = case.marker[0] if isinstance(case.marker, tuple) else case.marker
            answers.append((f"{url} {box}", client.get(url, {**box, "term": term})))
        if name not in case.readers:
            leaks = [url for url, answer in answers if carries(answer, case, change_url)]
            assert not leaks, f"{name} reads {label} at {leaks}"
        if name in case.changers:
            continue
        client.post(change_url, form)
        client.post(delete_url, {"post": "yes"})
        for action in actions:
            client.post(
                changelist,
                {"action": action, "_selected_action": [str(record.pk)], "index": "0",
                 "post": "yes"},
            )  # fmt: skip
        assert row(model, record.pk) == before, f"{name} changed {label}"

    if case.change:
        # The same post by an administrator of every province does change the row: the
        # refusals above are refusals, not a form the admin would refuse anyway.
        client.force_login(boss)
        response = client.post(change_url, form)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert row(model, record.pk) != before
