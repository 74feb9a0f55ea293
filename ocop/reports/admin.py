from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html_join

from ocop.accounts.admin_scope import Scope, ScopedAdmin
from ocop.domain.roles import Action
from ocop.registry.models import Province
from ocop.reports.models import LetterTexts, default_texts
from ocop.reports.placeholders import PLACEHOLDERS

PLACEHOLDER_LIST = format_html_join(
    "", "<li><code>{{{}}}</code>: {}</li>", ((name, text) for name, text in PLACEHOLDERS.items())
)


@admin.register(LetterTexts)
class LetterTextsAdmin(ScopedAdmin):
    # Each province's letter: read by its staff, written by those who issue it.
    scope = Scope(province="province")
    edit = Action.REPORT
    list_display = ["province", "issuing_body", "signer_title", "updated_at"]
    change_form_template = "reports/lettertexts_change_form.html"
    change_list_template = "reports/lettertexts_change_list.html"
    fieldsets = [
        ("Phần đầu", {"fields": ["province", "parent_body", "issuing_body", "symbol", "place"]}),
        (
            "Nội dung",
            {
                "description": f"Các chỗ điền dùng được trong mọi ô:<ul>{PLACEHOLDER_LIST}</ul>",
                "fields": ["subject", "recipients", "opening"],
            },
        ),
        (
            "Số liệu",
            {"fields": ["valid_item", "expired_item", "revoked_item", "attachment_note"]},
        ),
        ("Đề nghị và kết", {"fields": ["requests", "closing"]}),
        (
            "Nơi nhận và chữ ký",
            {"fields": ["distribution", "signer_authority", "signer_title", "signer_name"]},
        ),
    ]

    def get_changeform_initial_data(self, request):
        # A new row starts from the chosen province's defaults (?province=<id>), or those of
        # the province this registry serves: never Lai Châu's words for another province.
        initial = super().get_changeform_initial_data(request)
        provinces = Province.objects.all()
        chosen = request.GET.get("province", "")
        province = (chosen.isdigit() and provinces.filter(pk=chosen).first()) or provinces.filter(
            code=settings.OCOP_PROVINCE
        ).first()
        return {**(default_texts(province) if province else {}), **initial}
