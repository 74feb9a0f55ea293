"""Which entries a staff member may read, and the log of one record (its own entries and the
imports that touched it), also for a record deleted since."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from ocop.audit.models import Entry, ImportChange
from ocop.domain.roles import Action

# Accounts are the administrator's business: their history needs USERS, not just VIEW.
ACCOUNT_MODELS = {"auth.user", "auth.group", "backoffice.staffprofile"}


def record_key(content_type: ContentType) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def content_type_for(key: str) -> ContentType | None:
    app_label, _, model = key.partition(".")
    return ContentType.objects.filter(app_label=app_label, model=model).first()


def visible(queryset, staff):
    """Entries of the staff member's province (every province's for those of all)."""
    if staff.province_id is None:
        return queryset
    return queryset.filter(province_id=staff.province_id)


def may_read_record(staff, content_type: ContentType) -> bool:
    action = Action.USERS if record_key(content_type) in ACCOUNT_MODELS else Action.VIEW
    return staff.can_somewhere(action)


def history(content_type: ContentType, pk: str, staff) -> list:
    """The record's entries, newest first: its own, and the import entries that created or
    changed it (each with that record's change as `import_change`)."""
    own = list(
        visible(
            Entry.objects.filter(content_type=content_type, object_pk=pk), staff
        ).select_related("content_type")
    )
    for entry in own:
        entry.import_change = None
    if pk.isdigit():
        changes = ImportChange.objects.filter(
            Q(content_type=content_type) & Q(object_id=int(pk)),
            entry__in=visible(Entry.objects.all(), staff),
        ).select_related("entry", "entry__content_type")
        for change in changes:
            entry = change.entry
            entry.import_change = change
            own.append(entry)
    return sorted(own, key=lambda e: (e.timestamp, e.pk), reverse=True)
