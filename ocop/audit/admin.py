"""The log in the admin: read-only, nothing added, changed or deleted (the database refuses
it too). Its real pages are the workspace's (/lam-viec/nhat-ky/); django-auditlog's own
admin screen, registered for our model by its app, is replaced by this one."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from ocop.accounts.admin_scope import Scope, ScopedAdmin
from ocop.audit.models import Entry
from ocop.audit.records import record_key
from ocop.domain.roles import Action

admin.site.unregister(Entry)


@admin.register(Entry)
class EntryAdmin(ScopedAdmin):
    # Read by those who read the log, in their province; nobody edits it.
    scope = Scope(province="province")
    view, edit = Action.AUDIT_LOG, None
    list_display = ["timestamp", "action", "object_repr", "content_type", "actor_name", "source"]
    list_filter = ["action", "source", "content_type"]
    search_fields = ["object_repr", "actor_name"]
    date_hierarchy = "timestamp"
    list_select_related = ["content_type"]
    fields = [
        "timestamp", "action", "content_type", "object_pk", "object_repr", "actor_name",
        "source", "path", "remote_addr", "cid", "changes", "additional_data", "record",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description="lịch sử bản ghi")
    def record(self, entry):
        url = reverse("audit:record", args=[record_key(entry.content_type), entry.object_pk])
        return format_html('<a href="{}">Lịch sử thay đổi</a>', url)
