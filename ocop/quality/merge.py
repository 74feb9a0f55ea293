"""Merging two records that are one (a producer or a product written two ways), and undoing it.

The removed record's rows that point to it (decisions, photos, points of sale, products, and
whatever later tables point to it) move to the kept record one by one through ordinary saves,
so the audit records each change; then the removed record is deleted. A producer's product
whose name is the same as one of the kept producer's products is merged into it too. The
MergeRecord keeps the removed rows' field values and every move, and undo plays them back:
the same rows, ids and values as before."""

import json
from datetime import datetime

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from ocop.domain.dates import format_date
from ocop.quality.models import Kind, MergeRecord
from ocop.registry.models import Product
from ocop.shared.change_source import source


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; undo must give back the very value."""

    def default(self, o):
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


class MergeRefused(Exception):
    """Why a merge or an undo cannot be done, in words for the officer."""


def merge(kept, removed, user=None) -> MergeRecord:
    kind = Kind.PRODUCER if kept._meta.model_name == "producer" else Kind.PRODUCT
    if type(kept) is not type(removed) or kept.pk == removed.pk:
        raise MergeRefused("Cần hai bản ghi khác nhau cùng loại để gộp.")
    log = {"removed": [], "moved": []}
    with transaction.atomic():
        record = MergeRecord.objects.create(
            kind=kind,
            kept_id=kept.pk,
            removed_id=removed.pk,
            kept_name=str(kept),
            removed_name=str(removed),
            province_id=kept.unit.province_id,
            data=log,
            merged_by=_user(user),
        )
        note = f"Gộp {kind.label} “{removed}” (mã {removed.pk}) vào “{kept}” (mã {kept.pk})"
        with source("page", actor=_user(user), note=note, merge=record.pk):
            _fold(kept, removed, log)
        record.data = json.loads(json.dumps(log, cls=_ExactEncoder))
        record.save(update_fields=["data"])
    return record


def undo(record: MergeRecord, user=None) -> None:
    if record.undone_at is not None:
        raise MergeRefused("Lần gộp này đã được hoàn tác.")
    note = f"Hoàn tác gộp “{record.removed_name}” vào “{record.kept_name}”"
    try:
        with transaction.atomic(), source("page", actor=_user(user), note=note, merge=record.pk):
            for row in reversed(record.data["removed"]):
                _restore(row)
            for move in reversed(record.data["moved"]):
                _move_back(move)
            record.undone_at = timezone.now()
            record.undone_by = _user(user)
            record.save(update_fields=["undone_at", "undone_by"])
    except IntegrityError as error:
        raise MergeRefused(
            "Không hoàn tác được vì dữ liệu đã thay đổi sau khi gộp (một bản ghi khác đã "
            "mang tên hoặc mã số thuế này). Hãy sửa bản ghi đó rồi thử lại."
        ) from error


def _user(user):
    return user if getattr(user, "pk", None) else None


def _fold(kept, removed, log) -> None:
    for relation in removed._meta.related_objects:
        if not relation.one_to_many:
            continue
        field = relation.field
        rows = relation.related_model._base_manager.filter(**{field.name: removed}).order_by("pk")
        for row in rows:
            twin = _same_product(kept, row) if isinstance(row, Product) else None
            if twin is not None:
                _fold(twin, row, log)
            else:
                _move(row, field, kept, log)
    log["removed"].append(_snapshot(removed))
    removed.delete()


def _same_product(producer, product):
    """The kept producer's product of the same name, which the moved one would collide with."""
    return producer.products.filter(name_key=product.name_key).first()


def _move(row, field, target, log) -> None:
    if row._meta.model_name == "decision":
        _refuse_twin_decision(row, target)
    log["moved"].append(
        {
            "model": row._meta.label_lower,
            "pk": row.pk,
            "field": field.name,
            "from": getattr(row, field.attname),
        }
    )
    setattr(row, field.attname, target.pk)
    row.save(update_fields=[field.name])


def _refuse_twin_decision(decision, product) -> None:
    twin = product.decisions.filter(number=decision.number, decided_on=decision.decided_on)
    if twin.exists():
        raise MergeRefused(
            f"Quyết định số {decision.number} ngày {format_date(decision.decided_on)} có ở cả "
            "hai sản phẩm; mỗi quyết định có mã công khai riêng đã in ra, nên không gộp "
            "được. Hãy kiểm tra và xóa quyết định nhập trùng trước."
        )


def _snapshot(row) -> dict:
    return serializers.serialize("python", [row])[0]


def _restore(snapshot: dict) -> None:
    model = apps.get_model(snapshot["model"])
    if model._base_manager.filter(pk=snapshot["pk"]).exists():
        raise MergeRefused("Bản ghi đã gộp hiện có lại trong sổ; không hoàn tác được.")
    (restored,) = serializers.deserialize("python", [snapshot])
    instance = restored.object
    instance.save(force_insert=True)
    # Saving stamps the creation and change times anew: put the recorded ones back.
    stamps = {
        f.attname: f.to_python(snapshot["fields"][f.name])
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    if stamps:
        models.QuerySet(model).filter(pk=instance.pk).update(**stamps)


def _move_back(move: dict) -> None:
    model = apps.get_model(move["model"])
    row = model._base_manager.filter(pk=move["pk"]).first()
    if row is None:  # deleted since the merge: nothing to give back
        return
    field = model._meta.get_field(move["field"])
    setattr(row, field.attname, move["from"])
    row.save(update_fields=[field.name])
