"""The back office's base: the registry's records in the Django admin, with the columns and
filters officers use most, each declaring its scope (ocop.accounts.admin_scope). Registered
from the top floor, which may import the accounts' scoped admin and every feature's inlines
(the catalog's photos and points of sale, the notices' mail log on a product's page): the
registry itself imports neither. The URLs stay the registry's (/admin/registry/product/)."""

from datetime import timedelta

from django.contrib import admin
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django_tasks_db.models import DBTaskResult

from ocop.accounts.admin_scope import SHARED, Scope, ScopedAdmin, ScopedInline
from ocop.catalog.admin import (
    ProducerPointOfSaleInline,
    ProductPhotoInline,
    ProductPointOfSaleInline,
)
from ocop.domain.dates import format_date
from ocop.domain.issuers import issuer_name
from ocop.domain.roles import Action
from ocop.domain.status import Status
from ocop.notices.admin import NoticeInline, ReminderInline
from ocop.registry import search
from ocop.registry.models import (
    Decision,
    Holiday,
    OldUnit,
    Producer,
    Product,
    ProductSet,
    Province,
    Unit,
)

# The task queue's rows belong to no province and carry other provinces' ids in their
# arguments; what they did shows where people look (the mail log, an import's page), and the
# operator reads the queue with `ocop worker` and the database. So no admin screen for them.
admin.site.unregister(DBTaskResult)

# Producers and products are a commune's: officers edit them anywhere in their province, a
# commune officer in their own commune (Action.EDIT_LOCAL).
COMMUNE_RECORDS = Scope(commune="unit")
REVOCATION_FIELDS = ("revoked_on", "revocation_number", "revocation_reason")

# The colours are classes of a stylesheet, not style attributes: the Content-Security-Policy
# forbids inline styles.
URGENCY_STYLESHEET = "registry/urgency.css"


class FoldedSearchMixin:
    """The search box ignores case and accents on `search_key` fields (see registry.search);
    the autocomplete boxes use the same search."""

    def get_search_results(self, request, queryset, search_term):
        fields = self.get_search_fields(request)
        if not search_term or not fields:
            return queryset, False
        duplicates = any(lookup_spawns_duplicates(self.opts, field) for field in fields)
        return queryset.filter(search.matching(search_term, fields)), duplicates


class OfficerNameMixin:
    """A name an officer writes here is kept: imports never change it (issue 8)."""

    def save_model(self, request, obj, form, change):
        if "name" in form.changed_data:
            obj.name_set_by_officer = True
        super().save_model(request, obj, form, change)


def with_today(products):
    """Products annotated with today's stars, status and end of recognition, by the
    registry's named QuerySet methods (the same rules as the status filter and the reports)."""
    today = timezone.localdate()
    return products.with_stars_on(today).with_valid_until(today).with_status_on(today)


@admin.display(description="hạng sao hôm nay", ordering="stars_on")
def stars_today(product) -> str:
    return f"{product.stars_on} sao" if product.stars_on else "—"


@admin.display(description="tình trạng hôm nay", ordering="status_on")
def status_today(product) -> str:
    return Status(product.status_on).label


@admin.display(description="hiệu lực đến", ordering="valid_until")
def valid_until(product):
    if product.valid_until is None:
        return "—"
    today = timezone.localdate()
    if product.valid_until < today:
        urgency = "expired"
    elif product.valid_until <= today + timedelta(days=90):
        urgency = "soon"
    else:
        urgency = "ok"
    return format_html(
        '<span class="urgency-{}">{}</span>', urgency, format_date(product.valid_until)
    )


def by_dictionary_order(description: str):
    """A name column whose header sorts in Vietnamese dictionary order (the stored sort_key,
    names.sort_text) instead of the database's collation, which knows no Vietnamese."""

    @admin.display(description=description, ordering="sort_key")
    def name(obj) -> str:
        return obj.name

    return name


product_name = by_dictionary_order("tên sản phẩm")
producer_name = by_dictionary_order("tên chủ thể")
unit_name = by_dictionary_order("tên")


class StatusTodayFilter(admin.SimpleListFilter):
    title = "tình trạng hôm nay"
    parameter_name = "tinh_trang"

    def lookups(self, request, model_admin):
        return [(s.value, s.label) for s in Status]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        by_status = {
            Status.VALID.value: queryset.valid_on,
            Status.EXPIRED.value: queryset.expired_on,
            Status.REVOKED.value: queryset.revoked_on,
            Status.NOT_RECOGNISED.value: queryset.not_recognised_on,
        }
        method = by_status.get(self.value())
        return method(today) if method else queryset


class DecisionInline(ScopedInline, admin.StackedInline):
    """Stacked, a few fields a line: a table of nine columns was 2,685 px wide and cut
    columns off on a phone. Newest first, so the decision in force is on top."""

    edit = Action.DECIDE
    also_edit = {Action.REVOKE: REVOCATION_FIELDS}
    model = Decision
    extra = 0
    show_change_link = True
    fieldsets = [
        (None, {"fields": [("stars", "number", "decided_on"), ("issuer", "criteria_version")]}),
        (None, {"fields": ["last_valid_day"]}),
        (
            "Thu hồi",
            {
                "classes": ["collapse"],
                "fields": [("revoked_on", "revocation_number"), "revocation_reason"],
            },
        ),
    ]
    readonly_fields = ["last_valid_day"]

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-decided_on", "-id")


@admin.register(Product)
class ProductAdmin(ScopedAdmin, OfficerNameMixin, FoldedSearchMixin, admin.ModelAdmin):
    scope = COMMUNE_RECORDS
    edit = Action.EDIT_LOCAL
    list_display = [product_name, "producer", "unit", stars_today, status_today, valid_until]
    ordering = ["sort_key", "pk"]
    list_filter = [StatusTodayFilter, "unit__province", "product_set__group", "unit"]
    search_fields = ["search_key", "producer__search_key"]
    search_help_text = "Tìm theo tên sản phẩm hoặc chủ thể, gõ có dấu hay không dấu đều được."
    list_select_related = ["producer", "unit"]
    autocomplete_fields = ["producer"]
    inlines = [
        DecisionInline,
        ProductPhotoInline,
        ProductPointOfSaleInline,
        ReminderInline,
        NoticeInline,
    ]
    today_fields = [status_today, stars_today, valid_until]

    class Media:
        css = {"all": [URGENCY_STYLESHEET, "registry/layout.css"]}

    def get_queryset(self, request):
        return with_today(super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        return self.today_fields if obj else []

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        form_fields = [f for f in fieldsets[0][1]["fields"] if f not in self.today_fields]
        return [("Hôm nay", {"fields": self.today_fields}), (None, {"fields": form_fields})]


@admin.display(description="tên sản phẩm")
def product_link(product):
    url = reverse("admin:registry_product_change", args=[product.pk])
    return format_html('<a href="{}">{}</a>', url, product.name)


class ProductOfProducerInline(ScopedInline, admin.TabularInline):
    """A producer's products with today's standing, each name a link to its own page (the
    line Django prints above each row, repeating the name, is hidden by layout.css). Read
    only: a product is changed on its own page."""

    edit = None
    model = Product
    fields = [product_link, stars_today, status_today, valid_until]
    readonly_fields = fields
    view_on_site = False
    can_delete = False
    extra = 0

    class Media:
        css = {"all": [URGENCY_STYLESHEET, "registry/layout.css"]}

    def get_queryset(self, request):
        return with_today(super().get_queryset(request))


@admin.register(Producer)
class ProducerAdmin(ScopedAdmin, OfficerNameMixin, FoldedSearchMixin, admin.ModelAdmin):
    scope = COMMUNE_RECORDS
    edit = Action.EDIT_LOCAL
    list_display = [producer_name, "kind", "unit", "tax_code", "phone"]
    ordering = ["sort_key", "pk"]
    list_filter = ["kind", "unit__province", "unit"]
    search_fields = ["search_key", "tax_code", "representative"]
    search_help_text = "Tìm theo tên (có dấu hay không dấu), mã số thuế hoặc người đại diện."
    list_select_related = ["unit"]
    inlines = [ProductOfProducerInline, ProducerPointOfSaleInline]


@admin.register(Decision)
class DecisionAdmin(ScopedAdmin, FoldedSearchMixin, admin.ModelAdmin):
    # A decision's data needs DECIDE; its revocation fields REVOKE (read-only to others).
    scope = Scope(commune="product__unit")
    edit = Action.DECIDE
    also_edit = {Action.REVOKE: REVOCATION_FIELDS}
    list_display = [
        "number",
        "decided_on",
        "product",
        "stars",
        "issuer",
        "last_valid_day",
        "revoked_on",
        "public_code",
    ]
    list_filter = ["stars", "issuer", "criteria_version"]
    search_fields = ["number", "product__search_key", "public_code"]
    date_hierarchy = "decided_on"
    ordering = ["-decided_on", "-id"]
    list_select_related = ["product"]
    # The public code is shown, never typed; "Xem trên trang web" opens its verification page.
    readonly_fields = ["last_valid_day", "public_code"]
    autocomplete_fields = ["product"]

    def save_model(self, request, obj, form, change):
        # An issuer typed by an officer is written in the one form the importer writes.
        if obj.issuer:
            province = obj.product.unit.province
            obj.issuer = issuer_name(obj.issuer, f"{province.kind} {province.name}") or obj.issuer
        super().save_model(request, obj, form, change)


# Reference data: read by every role of the province, changed with Action.REFERENCE.


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    scope = Scope(province="province")
    edit = Action.REFERENCE
    list_display = ["code", unit_name, "kind", "province"]
    ordering = ["province__code", "sort_key", "pk"]
    list_filter = ["province", "kind"]
    search_fields = ["name", "code"]


@admin.register(OldUnit)
class OldUnitAdmin(ScopedAdmin):
    scope = Scope(province="province")
    edit = Action.REFERENCE
    list_display = ["name", "kind", "district", "successor", "confidence"]
    list_filter = ["province", "district", "confidence"]
    search_fields = ["name", "district"]


@admin.register(Province)
class ProvinceAdmin(ScopedAdmin):
    scope = Scope(province="pk")
    edit = Action.REFERENCE
    list_display = ["code", "name", "kind", "roll_forward_holidays"]


@admin.register(ProductSet, Holiday)
class SharedReferenceAdmin(ScopedAdmin):
    """The 26 product sets and the public holidays are the country's, the same for every
    province."""

    scope = SHARED
    edit = Action.REFERENCE
