"""The log page's search and filters, read from the query string: bad input is named in
Vietnamese and the rest of the filters still apply."""

from django import forms
from django.contrib.contenttypes.models import ContentType

from ocop.audit.display import model_label
from ocop.audit.models import Action, Source
from ocop.audit.tracked import TRACKED
from ocop.domain.names import fold
from ocop.shared.date_range import DateRangeFilter


def model_choices() -> list[tuple[str, str]]:
    found = []
    for label in TRACKED:
        app_label, model = label.lower().split(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is not None and content_type.model_class() is not None:
            found.append((label.lower(), model_label(content_type)))
    return sorted(found, key=lambda choice: fold(choice[1]))


class LogFilter(DateRangeFilter):
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", "Tất cả"), *model_choices()]

    def apply(self, entries):
        data = self.valid_part()
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
        return self.within(entries, "timestamp", data)
