"""The log page's search and filters, read from the query string: bad input is named in
Vietnamese and the rest of the filters still apply."""

from datetime import datetime, time, timedelta

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ocop.audit.display import model_label
from ocop.audit.models import Action, Source
from ocop.audit.tracked import TRACKED
from ocop.domain.dates import parse_day
from ocop.domain.names import fold


def model_choices() -> list[tuple[str, str]]:
    found = []
    for label in TRACKED:
        app_label, model = label.lower().split(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is not None and content_type.model_class() is not None:
            found.append((label.lower(), model_label(content_type)))
    return sorted(found, key=lambda choice: fold(choice[1]))


class DayField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_day(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class LogFilter(forms.Form):
    q = forms.CharField(label="Tìm", required=False, max_length=200)
    model = forms.ChoiceField(label="Loại bản ghi", required=False)
    action = forms.TypedChoiceField(
        label="Thao tác", required=False, coerce=int, empty_value=None,
        choices=[("", "Tất cả"), *[(a.value, a.label.capitalize()) for a in Action]],
    )  # fmt: skip
    source = forms.ChoiceField(
        label="Nguồn", required=False,
        choices=[("", "Tất cả"), *[(s.value, s.label.capitalize()) for s in Source]],
    )  # fmt: skip
    user = forms.CharField(label="Người thực hiện", required=False, max_length=150)
    since = DayField(label="Từ ngày", required=False)
    until = DayField(label="Đến ngày", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", "Tất cả"), *model_choices()]
        for name in ("since", "until"):
            self.fields[name].widget.attrs.update(placeholder="dd/mm/yyyy", maxlength="10")

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "Ngày cuối trước ngày đầu: đổi lại thứ tự hai ngày.")
        return data

    def apply(self, entries):
        data = self.cleaned_data if self.is_bound and self.is_valid() else self._valid_part()
        # Every word typed, in any order: "danh sach 2025" finds "danh-sach-2025.xlsx".
        for word in fold(data.get("q") or "").split()[:10]:
            entries = entries.filter(search_text__contains=word)
        if data.get("model"):
            app_label, _, model = data["model"].partition(".")
            entries = entries.filter(content_type__app_label=app_label, content_type__model=model)
        if data.get("action") is not None:
            entries = entries.filter(action=data["action"])
        if data.get("source"):
            entries = entries.filter(source=data["source"])
        if data.get("user"):
            entries = entries.filter(actor_name__iexact=data["user"].strip())
        if data.get("since"):
            entries = entries.filter(timestamp__gte=_start(data["since"]))
        if data.get("until"):
            entries = entries.filter(timestamp__lt=_start(data["until"] + timedelta(days=1)))
        return entries

    def _valid_part(self) -> dict:
        """The fields that were valid, when another was not: filter by what can be read."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}


def _start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
