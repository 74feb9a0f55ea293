"""The back office's list of misuse reports (/phan-anh/): read-only but for the status, which
an officer moves from "Mới" to "Đã xem"."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html

from ocop.accounts.admin_scope import Scope, ScopedAdmin
from ocop.catalog import misuse_form
from ocop.catalog.models import MisuseReport, MisuseReportQuerySet
from ocop.domain.roles import Action


@admin.register(MisuseReport)
class MisuseReportAdmin(ScopedAdmin):
    # The reports a province sees are the workspace's (its inbox, its home): those quoting one
    # of its codes, and those quoting no known code. They carry the reporter's contact: for
    # department staff who act on them (Action.REVOKE, as the inbox).
    scope = Scope(seen_by=MisuseReportQuerySet.seen_by)
    view = edit = Action.REVOKE
    list_display = [
        "reference",
        "received_at",
        "status",
        "product",
        "code",
        "place",
        "photo_link",
    ]
    list_filter = ["status", "received_at"]
    date_hierarchy = "received_at"
    search_fields = ["product", "code", "place", "description"]
    fields = [
        "reference",
        "received_at",
        "status",
        "product",
        "code",
        "place",
        "description",
        "photo_link",
        "contact",
    ]
    readonly_fields = [f for f in fields if f != "status"]
    actions = ["mark_seen"]

    @admin.display(description="số tiếp nhận", ordering="pk")
    def reference(self, obj) -> str:
        return obj.reference

    @admin.display(description="ảnh chụp")
    def photo_link(self, obj):
        # Through the staff-only view, never MEDIA_URL: the web server refuses /media/phan-anh/.
        if not obj.photo:
            return "—"
        url = reverse("admin:catalog_misusereport_photo", args=[obj.pk])
        return format_html(
            '<a href="{}">Xem ảnh<span class="visually-hidden"> {}</span></a>', url, obj.reference
        )

    def get_urls(self):
        photo = path(
            "<int:pk>/anh/",
            self.admin_site.admin_view(misuse_form.photo),
            name="catalog_misusereport_photo",
        )
        return [photo, *super().get_urls()]

    @admin.action(description="Đánh dấu đã xem")
    def mark_seen(self, request, queryset):
        queryset.update(status=MisuseReport.Status.SEEN)

    def has_add_permission(self, request) -> bool:
        return False
