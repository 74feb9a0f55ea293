"""The log is append-only in the database: triggers refuse UPDATE and DELETE on both of its
tables, on SQLite and PostgreSQL; `ocop flush` (the test runner's) still empties it."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from ocop.audit import triggers
from ocop.audit.models import Entry, ImportChange
from tests.factories import make_product
from tests.workbooks import row, run, simple_list

pytestmark = pytest.mark.django_db


def refused(sql, params=()):
    with (
        pytest.raises(DatabaseError, match="chỉ được ghi thêm"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def test_the_triggers_are_in_place():
    assert triggers.in_place(connection)


def test_an_update_of_an_entry_is_refused():
    make_product()
    entry = Entry.objects.get(content_type__model="product")
    refused("UPDATE audit_entry SET object_repr = %s WHERE id = %s", ["giả mạo", entry.pk])
    entry.object_repr = "giả mạo"
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        Entry.objects.update(actor_name="ai đó")
    assert Entry.objects.get(pk=entry.pk).object_repr == "Chè Shan tuyết Nậm Sỏ"


def test_a_delete_of_an_entry_is_refused():
    make_product()
    refused("DELETE FROM audit_entry")
    with pytest.raises(DatabaseError), transaction.atomic():
        Entry.objects.all().delete()
    assert Entry.objects.count() == 2  # the producer's and the product's


def test_an_imports_changes_cannot_be_altered(tmp_path):
    run(simple_list(tmp_path / "a.xlsx", row(1)))
    assert ImportChange.objects.count() == 3
    refused("UPDATE audit_importchange SET object_repr = 'x'")
    refused("DELETE FROM audit_importchange")
    assert ImportChange.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_puts_the_triggers_back():
    make_product()
    call_command("flush", interactive=False, verbosity=0)
    assert not Entry.objects.exists()
    assert triggers.in_place(connection)
