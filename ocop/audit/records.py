"""Which entries a staff member may read, and the log of one record (its own entries and the
imports that touched it), also for a record deleted since."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from ocop.audit.models import Entry, ImportChange
from ocop.audit.tracked import SHARED, TRACKED
from ocop.audit.writing import province_of
from ocop.domain.roles import Action

# What reading a record's history needs beyond VIEW: accounts are the administrator's
# business (USERS); a misuse report and its triage carry the reporter's contact, read only by
# those who triage the reports (REVOKE, as the inbox).
READ_WITH = {
    "auth.user": Action.USERS,
    "auth.group": Action.USERS,
    "backoffice.staffprofile": Action.USERS,
    "catalog.misusereport": Action.REVOKE,
    "enforcement.triage": Action.REVOKE,
}
# Only the models the log follows have a history page: sessions, login records and second
# factors are nobody's to browse, even by their number.
TRACKED_KEYS = {label.lower() for label in TRACKED}


def record_key(content_type: ContentType) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def content_type_for(key: str) -> ContentType | None:
    """The content type of a model the log follows, or None."""
    if key not in TRACKED_KEYS:
        return None
    app_label, _, model = key.partition(".")
    return ContentType.objects.filter(app_label=app_label, model=model).first()


def visible(queryset, staff):
    """Entries of the staff member's province (every province's for those of all)."""
    if staff.province_id is None:
        return queryset
    return queryset.filter(province_id=staff.province_id)


def may_read_record(staff, content_type: ContentType) -> bool:
    return staff.can_somewhere(READ_WITH.get(record_key(content_type), Action.VIEW))


def in_scope(staff, record) -> bool:
    """Is this existing record the staff member's to read: one of their province, found as
    the log files its entries (ocop.audit.writing.province_of), or a row every province
    shares. Its name and history are not shown to another province's staff."""
    if staff.province_id is None or TRACKED[record._meta.label]["province"] is SHARED:
        return True
    return province_of(record) == staff.province_id


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
