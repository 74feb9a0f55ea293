from django.contrib import admin

from ocop.reports.models import LetterTexts
from ocop.reports.texts import DEFAULTS

# The admin index gains a link to the reports page (templates/reports/admin_index.html).
admin.site.index_template = "reports/admin_index.html"


@admin.register(LetterTexts)
class LetterTextsAdmin(admin.ModelAdmin):
    list_display = ["province", "issuing_body", "signer_title", "updated_at"]
    fieldsets = [
        ("Phần đầu", {"fields": ["province", "parent_body", "issuing_body", "symbol", "place"]}),
        ("Nội dung", {"fields": ["subject", "recipients", "basis", "figures_heading"]}),
        ("Đề nghị", {"fields": ["requests_heading", "requests", "closing"]}),
        (
            "Nơi nhận và chữ ký",
            {"fields": ["distribution", "signer_authority", "signer_title", "signer_name"]},
        ),
    ]

    def get_changeform_initial_data(self, request):
        # A new row starts from Lai Châu's texts, as the letter does until a row exists.
        return {**DEFAULTS, **super().get_changeform_initial_data(request)}
