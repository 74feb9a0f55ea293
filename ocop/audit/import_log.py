"""An import as one log entry. The importer writes in bulk, past the model signals that log
every other write: it tells us before it writes (ocop.imports.signals.writing), we read what
the rows it will change hold now, and once it has written we add one entry for the run and
one ImportChange for every producer, product and decision it created or changed, inside its
transaction (rolled back with it).

A change keeps before and after of every field it changed. A creation keeps only the record's
name: its values are the record itself and the file's row (the run keeps the file's SHA-256),
and each later change keeps the values it replaced. Writing every created field of a 50,000-row
import would cost more than the import itself."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from ocop.audit.models import Action, Entry, ImportChange
from ocop.audit.writing import decision_repr, describe
from ocop.domain.names import fold
from ocop.registry.models import Decision, Producer, Product
from ocop.shared.change_source import current, source


def on_writing(sender, plan, province, runs, **kwargs):
    before = {
        Producer: _stored([e.instance for e in plan.producers if e.changed and not e.is_new]),
        Product: _stored([e.instance for e in plan.products if e.changed and not e.is_new]),
        Decision: _stored(list(plan.updated_decisions.values())),
    }
    return lambda: record_import(plan, province, runs, before)


def _stored(instances: list) -> dict:
    """The rows as stored, before the import writes over them, by id."""
    if not instances:
        return {}
    model = type(instances[0])
    return {row.pk: row for row in model.objects.filter(pk__in=[i.pk for i in instances])}


def record_import(plan, province, runs, before) -> Entry:
    here = current()
    actor = next((run.user for run in runs if run.user_id), None)
    extra = {
        "import_runs": [run.pk for run in runs],
        "files": [run.file_name for run in runs],
        "sha256": [run.sha256 for run in runs],
        "operator": runs[0].operator if runs else "",
    }
    name = "Nhập danh sách: " + ", ".join(extra["files"])
    with source("import", actor=actor, **extra):
        entry = Entry.objects.log_create(
            runs[0],
            force_log=True,
            action=Action.CREATE,
            changes=None,
            object_repr=name,
            province_id=province.pk,
            path=here.path if here else "",
            search_text=fold(name),
        )
    changed = [
        *_changed(entry, plan.producers, before[Producer]),
        *_changed(entry, plan.products, before[Product]),
        *(_change(entry, d, before[Decision].get(d.pk)) for d in plan.updated_decisions.values()),
    ]
    ImportChange.objects.bulk_create(changed, batch_size=2000)
    _insert_created(entry, _created(plan))
    return entry


def _changed(entry, entities, before) -> list[ImportChange]:
    return [
        _change(entry, e.instance, before.get(e.instance.pk))
        for e in entities
        if e.changed and not e.is_new
    ]


def _change(entry, instance, old) -> ImportChange:
    from auditlog.diff import model_instance_diff

    return ImportChange(
        entry=entry,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        object_repr=describe(instance),
        action=Action.UPDATE,
        changes=model_instance_diff(old, instance),
    )


def _created(plan):
    """(model, id, name) of every record the import created."""
    for model, entities in ((Producer, plan.producers), (Product, plan.products)):
        for entity in entities:
            if entity.is_new:
                yield model, entity.instance.pk, str(entity.instance)
    names = {e.instance.pk: e.instance.name for e in plan.products}
    for decision in plan.added_decisions:  # their ids were reserved before the insert
        yield Decision, decision.pk, decision_repr(decision, names.get(decision.product_id))


def _insert_created(entry, created) -> None:
    """The creations' rows, straight to the database: ImportChange model instances and
    bulk_create would cost seconds at 100,000 rows."""
    kinds = {m: ContentType.objects.get_for_model(m).pk for m in (Producer, Product, Decision)}
    action = int(Action.CREATE)
    # A list, not a generator: should `created` ever read the database, a query sent on the
    # connection while its COPY is open deadlocks (the client waits for the connection, the
    # server for the COPY's data).
    rows = [(entry.pk, kinds[model], pk, name, action) for model, pk, name in created]
    table = connection.ops.quote_name(ImportChange._meta.db_table)
    columns = "entry_id, content_type_id, object_id, object_repr, action"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s)"
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == 5000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
