"""Log entries as officers read them: field labels (the models' verbose names), values as the
pages show them (dates dd/mm/yyyy, choices by their label, a related record by its name), and
the moment as dd/mm/yyyy HH:MM in the install's time zone."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from ocop.domain.dates import format_date, format_moment

EMPTY = "(trống)"


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


def moment(value: datetime) -> str:
    return format_moment(timezone.localtime(value))


def model_label(content_type) -> str:
    model = content_type.model_class()
    if model is None:  # a model removed from the code since
        return content_type.model
    return str(capfirst(model._meta.verbose_name))


def field_changes(content_type, changes: dict | None, action=None) -> list[FieldChange]:
    """Each field's before and after; for a creation or a deletion, only the fields that held
    something (the rest would be a column of "(trống)")."""
    model = content_type.model_class()
    found = []
    for name, values in (changes or {}).items():
        if not isinstance(values, list | tuple) or len(values) != 2:
            continue  # many-to-many changes have another shape; none of ours are logged
        field = _field(model, name)
        label = str(capfirst(field.verbose_name)) if field is not None else name
        change = FieldChange(label, show(field, values[0]), show(field, values[1]))
        if (action == 0 and change.after == EMPTY) or (action == 2 and change.before == EMPTY):
            continue
        found.append(change)
    return found


def changes_text(content_type, changes) -> str:
    """One line for the export: "Tên: A → B; Hạng sao: 3 sao → 4 sao"."""
    return "; ".join(
        f"{c.label}: {c.before} → {c.after}" for c in field_changes(content_type, changes)
    )


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def show(field, raw) -> str:
    """django-auditlog stores values as text ("None" for none, ISO dates, ids of related
    records); this turns one back into what a page would print."""
    if raw in (None, "None", ""):
        return EMPTY
    text = str(raw)
    if field is None:
        return text
    if field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return str(labels.get(text, text))
    if isinstance(field, models.BooleanField):
        return {"True": "có", "False": "không"}.get(text, text)
    if isinstance(field, models.DateTimeField):
        return _datetime(text)
    if isinstance(field, models.DateField):
        try:
            return format_date(date.fromisoformat(text[:10]))
        except ValueError:
            return text
    if field.is_relation and field.many_to_one:
        return _related(field, text)
    return text


def _datetime(text: str) -> str:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return text
    if timezone.is_naive(value):  # auditlog keeps them naive, in UTC
        value = value.replace(tzinfo=UTC)
    return moment(value)


def _related(field, pk: str) -> str:
    try:
        return str(field.related_model._base_manager.get(pk=pk))
    except (ObjectDoesNotExist, ValueError):
        return f"#{pk} (đã xóa)"
