"""Counts kept in the database, one row per key (scans of a code per day, a client's reports
or inquiries per hour), added to by one statement so that concurrent requests never lose one."""

from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import F


def count_one(model, **key) -> None:
    """Add one to the `count` of `model`'s row with `key`, creating it at 1: in the database
    (F(), not a read then a write), and a row created at the same moment by another request
    (the unique constraint refuses ours) is counted into instead. One INSERT … ON CONFLICT DO
    UPDATE when a unique constraint covers exactly `key` (SQLite and PostgreSQL): a scan is one
    statement, not an UPDATE, a savepoint and an INSERT."""
    if _upsert_one(model, key):
        return
    rows = model.objects.filter(**key)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, count=1)
    except IntegrityError:
        rows.update(count=F("count") + 1)


def _upsert_one(model, key: dict) -> bool:
    fields = [model._meta.get_field(name) for name in key]
    unique = {frozenset(c.fields) for c in model._meta.constraints if hasattr(c, "fields")}
    connection = connections[router.db_for_write(model)]
    if frozenset(f.name for f in fields) not in unique or connection.vendor not in (
        "sqlite",
        "postgresql",
    ):
        return False
    quote = connection.ops.quote_name
    table, count = quote(model._meta.db_table), quote(model._meta.get_field("count").column)
    columns = ", ".join(quote(f.column) for f in fields)
    values = [
        f.get_db_prep_save(v.pk if isinstance(v, models.Model) else v, connection)
        for f, v in zip(fields, key.values(), strict=True)
    ]
    placeholders = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}, {count}) VALUES ({placeholders}, 1)"
            f" ON CONFLICT ({columns}) DO UPDATE SET {count} = {table}.{count} + 1",
            values,
        )
    return True
