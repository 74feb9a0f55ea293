"""The mail log in the admin, read only (nobody edits what was sent): every message, and on
each product's page the reminders and other messages about it (inlines the workspace puts on
the product's screen, ocop/workspace/admin.py)."""

from django.contrib import admin
from django.utils import timezone

from ocop.accounts.admin_scope import Scope, ScopedAdmin, ScopedInline
from ocop.domain.dates import format_moment
from ocop.notices.models import Notice, Reminder


@admin.register(Notice)
class NoticeAdmin(ScopedAdmin):
    # A message about no product (a buyer's inquiry of none) is for staff of every province.
    scope = Scope(commune="product__unit")
    edit = None
    list_display = ["created_at", "kind", "recipient", "recipient_role", "subject", "state"]
    list_filter = ["kind", "recipient_role"]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "created_at"
    fields = [
        "kind", "product", "recipient", "recipient_role", "subject", "body", "created_at",
        "sent_at", "error", "attempts", "retry_at",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description="tình trạng")
    def state(self, notice):
        return notice.state


class ReminderInline(ScopedInline, admin.TabularInline):
    """The expiry reminders about this product (one message may name several products)."""

    edit = None
    model = Reminder
    fk_name = "product"
    fields = ["sent", "interval", "last_valid_day", "recipient", "recipient_role"]
    readonly_fields = fields
    extra = 0
    verbose_name_plural = "thư nhắc hết hạn đã gửi"

    @admin.display(description="lúc gửi")
    def sent(self, reminder):
        sent_at = reminder.notice.sent_at if reminder.notice else None
        return format_moment(timezone.localtime(sent_at)) if sent_at else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("notice")


class NoticeInline(ScopedInline, admin.TabularInline):
    """Other messages about this product alone (revocation, inquiries...)."""

    edit = None
    model = Notice
    fk_name = "product"
    fields = ["created_at", "kind", "recipient", "subject", "sent_at", "error", "attempts"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    verbose_name_plural = "thư đã gửi về sản phẩm này"
