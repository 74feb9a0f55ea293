"""Days typed in forms, one way everywhere: DayField reads dd/mm/yyyy (or ISO, as browsers
send it) through ocop.domain.dates.parse_day and shows a day back as format_date writes it;
DateRangeFilter is the base of the back office's filters read from the query string, with
"from" and "to" days (the audit log, the buyers' inquiries)."""

from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone

from ocop.domain.dates import format_date, outside_programme, parse_day

HELP = "Dạng dd/mm/yyyy, ví dụ 15/03/2026."


class DayField(forms.CharField):
    """A day as people type it. With `programme=True`, a day far outside the OCOP programme's
    years (ocop.domain.dates.outside_programme) is refused as the typo it must be: a decision,
    a revocation, an inspection, a dossier. Filters and fair dates take any real day."""

    def __init__(self, *args, programme: bool = False, **kwargs):
        kwargs.setdefault("help_text", HELP)
        self.programme = programme
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        typed = {"placeholder": "dd/mm/yyyy", "maxlength": "10", "size": "12"}
        return {
            **super().widget_attrs(widget),
            **typed,
            "inputmode": "numeric",
            "autocomplete": "off",
        }

    def prepare_value(self, value):
        return format_date(value) if isinstance(value, date) else value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            day = parse_day(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        reason = outside_programme(day, timezone.localdate()) if self.programme else None
        if reason:
            raise forms.ValidationError(reason)
        return day


DAYS = ("since", "until")


class DateRangeFilter(forms.Form):
    """Filters read from the query string, the days last: a bad entry is named beside its
    field (in Vietnamese) and the other filters still apply (valid_part)."""

    since = DayField(label="Từ ngày", required=False, help_text="")
    until = DayField(label="Đến ngày", required=False, help_text="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The subclass's own filters first, then the two days, as the page lays them out.
        self.order_fields([*(name for name in self.fields if name not in DAYS), *DAYS])

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "Ngày cuối trước ngày đầu: đổi lại thứ tự hai ngày.")
        return data

    def valid_part(self) -> dict:
        """The fields that were valid, when another was not: filter by what can be read."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}

    @staticmethod
    def within(rows, moment_field: str, data: dict):
        """`rows` whose `moment_field` falls on the days asked, both whole days included."""
        if data.get("since"):
            rows = rows.filter(**{f"{moment_field}__gte": day_start(data["since"])})
        if data.get("until"):
            next_day = day_start(data["until"] + timedelta(days=1))
            rows = rows.filter(**{f"{moment_field}__lt": next_day})
        return rows


def day_start(day: date) -> datetime:
    """The first moment of `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))
