import copy

from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from ocop.accounts.access import staff_of
from ocop.accounts.admin_scope import Scope, ScopedAdmin
from ocop.domain.dates import format_date, last_year_end, parse_day
from ocop.domain.roles import Action
from ocop.registry.models import Province
from ocop.reports.letter import live_values
from ocop.reports.lists import FiguresMismatch
from ocop.reports.models import LetterTexts, default_texts
from ocop.reports.placeholders import PLACEHOLDERS


def texts_url(province: Province) -> str:
    """The editor of the province's letter texts: its saved row, or a new one already filled
    with the province's defaults and the province chosen, so that the first save works."""
    saved = LetterTexts.objects.filter(province=province).first()
    if saved is not None:
        return reverse("admin:reports_lettertexts_change", args=[saved.pk])
    return f"{reverse('admin:reports_lettertexts_add')}?province={province.pk}"


def placeholder_help(province: Province, day) -> str:
    """The placeholders with what each holds in the registry now for `province` on `day`."""
    try:
        values = live_values(province, day)
    except FiguresMismatch as exc:  # shown to the officer, as the reports page shows it
        return format_html("<p role='alert'>{}</p>", str(exc))
    rows = format_html_join(
        "",
        "<li><code>{{{}}}</code>: {}: <strong>{}</strong></li>",
        ((name, text, values[name] or "(trống)") for name, text in PLACEHOLDERS.items()),
    )
    return format_html(
        "Các chỗ điền dùng được trong mọi ô, với số liệu của sổ đăng ký tính đến ngày {} "
        "(công văn ban hành tháng sau):<ul>{}</ul>",
        format_date(day),
        rows,
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
                "description": "Các chỗ điền: xem dưới đây.",
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
        # the province this registry serves, that province chosen: never Lai Châu's words for
        # another province, and never a first save refused for want of a province.
        initial = super().get_changeform_initial_data(request)
        province = self._province(request)
        if province is None:
            return initial
        return {**default_texts(province), "province": province.pk, **initial}

    def _province(self, request, obj=None):
        if obj is not None:
            return obj.province
        provinces, staff = Province.objects.all(), staff_of(request.user)
        if staff is not None and staff.province_id is not None:
            provinces = provinces.filter(pk=staff.province_id)
        chosen = request.GET.get("province", "")
        return (chosen.isdigit() and provinces.filter(pk=chosen).first()) or (
            provinces.filter(code=settings.OCOP_PROVINCE).first() or provinces.first()
        )

    def get_fieldsets(self, request, obj=None):
        # The placeholders' help shows the registry's own figures for the day (?ngay=, by
        # default the last 31/12), not sample ones.
        fieldsets = copy.deepcopy(super().get_fieldsets(request, obj))
        province = self._province(request, obj)
        if province is not None:
            fieldsets[1][1]["description"] = placeholder_help(province, _day(request))
        return fieldsets


def _day(request):
    try:
        return parse_day(request.GET.get("ngay", ""))
    except ValueError:
        return last_year_end(timezone.localdate())
