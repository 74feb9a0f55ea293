"""The mail log in the admin, read only: every message sent, and on each product's page the
reminders and other messages about it (added to the registry's ProductAdmin from here, so
that the registry never imports this app)."""

from django.contrib import admin
from django.utils import timezone

from ocop.accounts.admin_scope import Policy, ScopedAdmin, ScopedInline
from ocop.domain.roles import Action
from ocop.notices.models import Notice, Reminder
from ocop.registry.admin import ProductAdmin


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(ScopedAdmin, ReadOnly, admin.ModelAdmin):
    policy = Policy(view=Action.VIEW, edit=None, province_path="product__unit__province")
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


class ReminderInline(ScopedInline, ReadOnly, admin.TabularInline):
    """The expiry reminders about this product (one message may name several products)."""

    policy = Policy(view=Action.VIEW, edit=None, province_path="unit__province")
    model = Reminder
    fk_name = "product"
    fields = ["sent", "interval", "last_valid_day", "recipient", "recipient_role"]
    readonly_fields = fields
    extra = 0
    verbose_name_plural = "thư nhắc hết hạn đã gửi"

    @admin.display(description="lúc gửi")
    def sent(self, reminder):
        sent_at = reminder.notice.sent_at if reminder.notice else None
        return timezone.localtime(sent_at).strftime("%d/%m/%Y %H:%M") if sent_at else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("notice")


class NoticeInline(ScopedInline, ReadOnly, admin.TabularInline):
    """Other messages about this product alone (revocation, inquiries...)."""

    policy = Policy(view=Action.VIEW, edit=None, province_path="unit__province")
    model = Notice
    fk_name = "product"
    fields = ["created_at", "kind", "recipient", "subject", "sent_at", "error", "attempts"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    verbose_name_plural = "thư đã gửi về sản phẩm này"


ProductAdmin.inlines = [*ProductAdmin.inlines, ReminderInline, NoticeInline]
