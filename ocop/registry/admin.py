"""The back office's base: the Django admin with the columns and filters officers use most."""

from datetime import timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html

from ocop.domain.dates import format_date
from ocop.domain.status import Status
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

admin.site.site_header = "Quản trị sản phẩm OCOP"
admin.site.site_title = "OCOP"
admin.site.index_title = "Sổ đăng ký sản phẩm OCOP"

URGENCY_COLOURS = {"expired": "#b42318", "soon": "#b54708", "ok": "#1b6e3a"}


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


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = [
        "stars",
        "number",
        "decided_on",
        "issuer",
        "criteria_version",
        "last_valid_day",
        "revoked_on",
        "revocation_number",
        "revocation_reason",
    ]
    readonly_fields = ["last_valid_day"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "producer", "unit", "stars_today", "valid_until_column"]
    list_filter = [StatusTodayFilter, "unit__province", "product_set__group", "unit"]
    search_fields = ["name", "producer__name"]
    list_select_related = ["producer", "unit"]
    autocomplete_fields = ["producer"]
    inlines = [DecisionInline]

    def get_queryset(self, request):
        today = timezone.localdate()
        return super().get_queryset(request).with_stars_on(today).with_valid_until(today)

    @admin.display(description="hạng sao hôm nay", ordering="stars_on")
    def stars_today(self, obj):
        return f"{obj.stars_on} sao" if obj.stars_on else "—"

    @admin.display(description="hiệu lực đến", ordering="valid_until")
    def valid_until_column(self, obj):
        if obj.valid_until is None:
            return "—"
        today = timezone.localdate()
        if obj.valid_until < today:
            urgency = "expired"
        elif obj.valid_until <= today + timedelta(days=90):
            urgency = "soon"
        else:
            urgency = "ok"
        return format_html(
            '<span style="color:{}">{}</span>',
            URGENCY_COLOURS[urgency],
            format_date(obj.valid_until),
        )


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "tax_code", "phone"]
    list_filter = ["kind", "unit__province", "unit"]
    search_fields = ["name", "tax_code", "representative"]
    list_select_related = ["unit"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "decided_on",
        "product",
        "stars",
        "issuer",
        "last_valid_day",
        "revoked_on",
    ]
    list_filter = ["stars", "issuer", "criteria_version"]
    search_fields = ["number", "product__name"]
    date_hierarchy = "decided_on"
    list_select_related = ["product"]
    readonly_fields = ["last_valid_day"]
    autocomplete_fields = ["product"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["province", "kind"]
    search_fields = ["name", "code"]


@admin.register(OldUnit)
class OldUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district", "successor", "confidence"]
    list_filter = ["province", "district", "confidence"]
    search_fields = ["name", "district"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "roll_forward_holidays"]


admin.site.register(ProductSet)
admin.site.register(Holiday)
