"""The log of changes: django-auditlog's entry (who, when, what before and after, correlation
id, address) with what this registry adds: where the change came from (ocop.shared.change_source),
the province of the record (kept at write time: a deleted record cannot be joined later), the
actor's name as it was, and a folded text to search. Append-only: database triggers refuse
UPDATE and DELETE on both tables (ocop.audit.triggers); nothing in the application edits them.

An import writes its rows in bulk, past the signals: it is one entry, and ImportChange lists
every producer, product and decision it created or changed, with before and after."""

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from ocop.audit.writing import entry_fields


class Source(models.TextChoices):
    PAGE = "page", "trang làm việc"
    IMPORT = "import", "nhập danh sách"
    COMMAND = "command", "dòng lệnh"
    API = "api", "API"
    SYSTEM = "system", "hệ thống"  # no source in force: a migration, a script


class Action(models.IntegerChoices):
    CREATE = AbstractLogEntry.Action.CREATE, "thêm"
    UPDATE = AbstractLogEntry.Action.UPDATE, "sửa"
    DELETE = AbstractLogEntry.Action.DELETE, "xóa"
    ACCESS = AbstractLogEntry.Action.ACCESS, "xem"


class EntryManager(LogEntryManager):
    def log_create(self, instance, force_log: bool = False, **kwargs):
        """django-auditlog's receivers write through here: add the source, province, actor and
        search text the registry keeps with every entry."""
        for name, value in entry_fields(instance, kwargs).items():
            kwargs.setdefault(name, value)
        return super().log_create(instance, force_log=force_log, **kwargs)


class Entry(AbstractLogEntry):
    # Neither a deleted user nor a removed content type may touch the log (the triggers would
    # refuse the UPDATE or DELETE anyway): the ids stay as they were, without constraints.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name="loại bản ghi", on_delete=models.PROTECT, related_name="+"
    )
    # Labelled in Vietnamese: the package's own labels are English words.
    action = models.PositiveSmallIntegerField("thao tác", choices=Action, db_index=True)
    actor_name = models.CharField("tên đăng nhập", max_length=150, blank=True)
    source = models.CharField("nguồn", max_length=10, choices=Source, default=Source.SYSTEM)
    path = models.CharField("trang, lệnh", max_length=500, blank=True)
    province = models.ForeignKey(
        "registry.Province",
        verbose_name="tỉnh",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    search_text = models.TextField(blank=True, editable=False)

    objects = EntryManager()

    class Meta(AbstractLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "mục nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        indexes = [
            models.Index(fields=["content_type", "object_pk"], name="audit_entry_record"),
            models.Index(fields=["province", "timestamp"], name="audit_entry_province"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"


class ImportChange(models.Model):
    """One record an import created or changed, linked to the import's one entry."""

    entry = models.ForeignKey(
        Entry, verbose_name="lần nhập", on_delete=models.PROTECT, related_name="import_changes"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.BigIntegerField("mã bản ghi")
    object_repr = models.TextField("bản ghi")
    action = models.PositiveSmallIntegerField("thao tác", choices=Action)
    changes = models.JSONField("thay đổi", null=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "thay đổi do nhập danh sách"
        verbose_name_plural = "thay đổi do nhập danh sách"
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_importchange_record")
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"


class ChainLink(models.Model):
    """An entry's place in the log's hash chain (ocop.audit.chain): append-only as the log."""

    position = models.BigIntegerField("vị trí", primary_key=True)
    # No constraint: a link must outlive an entry deleted behind the application's back, to
    # say which one is gone.
    entry = models.OneToOneField(
        Entry,
        verbose_name="mục nhật ký",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    hash = models.CharField("mã băm SHA-256", max_length=64)

    class Meta:
        ordering = ["position"]
        verbose_name = "mắt xích của chuỗi nhật ký"
        verbose_name_plural = "chuỗi nhật ký"

    def __str__(self) -> str:
        return f"{self.position}:{self.hash}"
