"""The inquiries' filters, read from the query string (the list, the counts and the CSV use
the same): bad input is named in Vietnamese and the other filters still apply."""

from django import forms

from ocop.domain.inquiries import LABELS, InquiryState
from ocop.domain.names import fold
from ocop.registry.models import Unit
from ocop.shared.date_range import DateRangeFilter, DayField


class InquiryFilter(DateRangeFilter):
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
    since = DayField(label="Nhận từ ngày", required=False, help_text="")

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.order_by("sort_key")
        if staff.province_id is not None:
            units = units.filter(province_id=staff.province_id)
        self.fields["unit"].queryset = units

    def apply(self, inquiries):
        data = self.valid_part()
        if data.get("q"):
            inquiries = inquiries.filter(product__search_key__contains=fold(data["q"]))
        if data.get("state") == "open":
            inquiries = inquiries.filter(state__in=[InquiryState.NEW, InquiryState.FORWARDED])
        elif data.get("state"):
            inquiries = inquiries.filter(state=data["state"])
        if data.get("unit"):
            inquiries = inquiries.filter(product__unit=data["unit"])
        return self.within(inquiries, "received_at", data)
