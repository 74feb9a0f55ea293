from django.contrib import admin

from ocop.catalog.models import ScanCount


@admin.register(ScanCount)
class ScanCountAdmin(admin.ModelAdmin):
    """Read-only: the counts are the site's, never typed."""

    list_display = ["day", "code", "product", "count"]
    list_filter = ["day"]
    date_hierarchy = "day"
    search_fields = ["decision__public_code", "decision__product__search_key"]
    list_select_related = ["decision__product"]

    @admin.display(description="mã công khai", ordering="decision__public_code")
    def code(self, obj) -> str:
        return obj.decision.public_code

    @admin.display(description="sản phẩm")
    def product(self, obj):
        return obj.decision.product

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
