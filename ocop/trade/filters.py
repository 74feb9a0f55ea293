"""The inquiries' filters, read from the query string (the list, the counts and the CSV use
the same): bad input is named in Vietnamese and the other filters still apply."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from ocop.audit.filters import DayField
from ocop.domain.inquiries import LABELS, InquiryState
from ocop.domain.names import fold
from ocop.registry.models import Unit


class InquiryFilter(forms.Form):
    q = forms.CharField(label="Sản phẩm", required=False, max_length=200)
    state = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả"), ("open", "Chưa xong (mới, đã chuyển)")]
        + [(s.value, LABELS[s]) for s in InquiryState],
    )
    unit = forms.ModelChoiceField(
        label="Xã/phường", required=False, queryset=Unit.objects.none(), empty_label="Tất cả"
    )
    since = DayField(label="Nhận từ ngày", required=False)
    until = DayField(label="Đến ngày", required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.order_by("sort_key")
        if staff.province_id is not None:
            units = units.filter(province_id=staff.province_id)
        self.fields["unit"].queryset = units
        for name in ("since", "until"):
            self.fields[name].widget.attrs.update(placeholder="dd/mm/yyyy", maxlength="10")

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "Ngày cuối trước ngày đầu: đổi lại thứ tự hai ngày.")
        return data

    def apply(self, inquiries):
        data = self._valid_part()
        if data.get("q"):
            inquiries = inquiries.filter(product__search_key__contains=fold(data["q"]))
        if data.get("state") == "open":
            inquiries = inquiries.filter(state__in=[InquiryState.NEW, InquiryState.FORWARDED])
        elif data.get("state"):
            inquiries = inquiries.filter(state=data["state"])
        if data.get("unit"):
            inquiries = inquiries.filter(product__unit=data["unit"])
        if data.get("since"):
            inquiries = inquiries.filter(received_at__gte=_start(data["since"]))
        if data.get("until"):
            inquiries = inquiries.filter(received_at__lt=_start(data["until"] + timedelta(days=1)))
        return inquiries

    def _valid_part(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}


def _start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
