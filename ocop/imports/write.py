"""Apply an import plan in one transaction: new producers, products and decisions with ids
reserved beforehand, the few updates, and the import's trace (ImportRun), all or nothing.
Rows are written with COPY (PostgreSQL) or one executemany (SQLite) instead of bulk_create,
whose per-value preparation costs more than the writing at 50,000 rows.

On SQLite the row triggers that keep derived values (decisions' links, the public pages'
freshness token, the search index) are lifted for the write and their work done once after,
set-wise, before the commit (ocop.shared.bulk_writes): run row by row they cost more than the
inserts."""

import functools
import operator
from contextlib import contextmanager
from datetime import UTC, date

from django.db import connection, models, transaction
from django.utils import timezone

from ocop.imports.models import ImportRun
from ocop.imports.plan import Plan
from ocop.imports.rows import CheckedRow
from ocop.imports.signals import writing
from ocop.imports.unsaved import unsaved
from ocop.registry import links
from ocop.registry.derived import derive_last_valid_days
from ocop.registry.models import Decision, Producer, Product, Province
from ocop.registry.public_codes import assign_public_codes
from ocop.shared import bulk_writes, freshness

_FOREIGN_KEYS = {"unit_id": "unit", "product_set_id": "product_set"}
_TABLES = [Producer._meta.db_table, Product._meta.db_table, Decision._meta.db_table]


@transaction.atomic
def apply(plan: Plan, province: Province, runs: list[ImportRun]) -> None:
    with _page_cache():
        _apply(plan, province, runs)


@contextmanager
def _page_cache():
    """SQLite keeps 2 MB of pages by default: 50,000 new decisions land at random places of
    their unique public-code index, each a page read back from the file. The import's
    connection keeps up to _CACHE_KB meanwhile (the whole registry of a province and more),
    then its own setting again (inserting 50,000 decisions: 2.0-2.2 s -> 1.4-1.7 s)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (kept,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{_CACHE_KB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(kept)}")


_CACHE_KB = 64 * 1024


def _apply(plan: Plan, province: Province, runs: list[ImportRun]) -> None:
    now = timezone.now()
    answers = writing.send(Plan, plan=plan, province=province, runs=runs)
    lifted = bulk_writes.lift([links.INSERT_TRIGGER, *freshness.row_triggers(_TABLES)])
    catch_ups = [c for _, c in bulk_writes.lifting.send(Plan, tables=_TABLES) if callable(c)]
    _save(plan.producers, now, Producer)
    for entity in plan.products:
        if entity.is_new:  # the id, not the instance: Django's related-object setter is slow
            entity.instance.producer_id = entity.producer.instance.pk
    _save(plan.products, now, Product)
    decisions = [_decision(entity.instance.pk, row) for entity, row in plan.new_decisions]
    derive_last_valid_days(decisions, roll_forward=province.roll_forward_holidays)
    assign_public_codes(decisions)
    for decision, pk in zip(decisions, _reserve_ids(Decision, len(decisions)), strict=True):
        decision.pk = pk
    _insert(Decision, decisions, now)
    plan.added_decisions = decisions
    updated = list(plan.updated_decisions.values())
    if updated:
        fields = ["revoked_on", "revocation_number", "revocation_reason", "issuer"]
        Decision.objects.bulk_update(updated, [*fields, "issuer_presumed", "score"], 2000)
    if lifted:  # the lifted triggers' work, once: the links of every product that has a new
        # decision (updates change no date), and a new token for the public pages.
        links.relink(decision.product_id for decision in decisions)
        freshness.bump()
        bulk_writes.put_back(lifted)
    for catch_up in catch_ups:
        catch_up(_written(plan))
    ImportRun.objects.bulk_create(runs)
    for _, written in answers:
        if callable(written):
            written()


def _written(plan: Plan) -> dict[str, list[int]]:
    """The ids of the rows inserted or updated, by table."""
    return {
        Producer._meta.db_table: [e.instance.pk for e in plan.producers if e.is_new or e.changed],
        Product._meta.db_table: [e.instance.pk for e in plan.products if e.is_new or e.changed],
        Decision._meta.db_table: [
            *(d.pk for d in plan.added_decisions),
            *plan.updated_decisions,
        ],
    }


def _insert(model, instances: list, now) -> None:
    """bulk_create without Django's per-value preparation, which costs more than the insert
    itself at 50,000 rows: COPY on PostgreSQL, one executemany of plain values elsewhere. For
    rows whose ids nobody needs (decisions) or whose ids are set beforehand (_reserve_ids)."""
    with_pk = bool(instances) and instances[0].pk is not None
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    stamped = [f.attname for f in fields if getattr(f, "auto_now_add", False) or
               getattr(f, "auto_now", False)]  # fmt: skip
    for instance in instances:
        for name in stamped:
            setattr(instance, name, now)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    values_of = operator.attrgetter(*(f.attname for f in fields))
    if connection.vendor == "postgresql":
        columns = ", ".join(quote(f.column) for f in fields)
        with connection.cursor() as cursor:
            copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for instance in instances:
                    copy.write_row(values_of(instance))
        return
    convert = _converters(fields) if connection.vendor == "sqlite" else []
    with connection.cursor() as cursor:
        for start in range(0, len(instances), 5000):
            rows = [list(values_of(i)) for i in instances[start : start + 5000]]
            for index, to_db in convert:
                for values in rows:
                    values[index] = to_db(values[index])
            cursor.executemany(sql, rows)


def _converters(fields) -> list[tuple[int, object]]:
    """As Django's SQLite backend stores them: ISO text for dates, naive UTC for date-times
    (every one of an import is the same instant), text for decimals."""
    utc_text = functools.lru_cache(maxsize=8)(
        lambda value: timezone.make_naive(value, UTC).isoformat(" ")
    )
    by_type = {
        models.DateTimeField: utc_text,
        models.DateField: date.isoformat,
        models.DecimalField: str,
    }
    found = []
    for index, f in enumerate(fields):
        to_db = next((c for kind, c in by_type.items() if isinstance(f, kind)), None)
        if to_db is not None:
            found.append((index, lambda v, to_db=to_db: None if v is None else to_db(v)))
    return found


def _save(entities, now, model) -> None:
    new = [e.instance for e in entities if e.is_new]
    for instance, pk in zip(new, _reserve_ids(model, len(new)), strict=True):
        instance.derive()
        instance.pk = pk
    _insert(model, new, now)
    changed = [e for e in entities if e.changed and not e.is_new]
    fields = {_FOREIGN_KEYS.get(name, name) for e in changed for name in e.changed}
    if changed:
        for entity in changed:
            entity.instance.derive()
            entity.instance.updated_at = now
        instances = [e.instance for e in changed]
        model.objects.bulk_update(
            instances, [*sorted(fields), "name_key", "search_key", "sort_key", "updated_at"], 2000
        )


def _reserve_ids(model, count: int) -> list[int]:
    """Primary keys for `count` new rows, taken before the insert so that products can point
    to their new producers, and the audit name new decisions, without reading the ids back."""
    if not count:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [pk for (pk,) in cursor.fetchall()]
        # SQLite: the transaction holds the write lock, so nobody takes these meanwhile. Past
        # the table's AUTOINCREMENT counter too: the id of a deleted row, which the log still
        # names, is never given to another.
        cursor.execute(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0),"
            f" COALESCE((SELECT MAX(id) FROM {connection.ops.quote_name(table)}), 0))",
            [table],
        )
        first = cursor.fetchone()[0] + 1
    return list(range(first, first + count))


def _decision(product_id: int, row: CheckedRow) -> Decision:
    """A new decision; its id, last valid day, public code and time are set by apply()."""
    return unsaved(
        Decision,
        product_id=product_id,
        stars=row.stars,
        score=row.score,
        number=row.number,
        decided_on=row.decided_on,
        issuer=row.issuer,
        issuer_presumed=row.issuer_presumed,
        criteria_version=row.criteria_version,
        revoked_on=row.revoked_on,
        revocation_number=row.revocation_number,
        revocation_reason=row.revocation_reason,
        source=row.source,
        public_code="",
    )
