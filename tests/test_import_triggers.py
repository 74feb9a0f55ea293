"""An import lifts the row triggers that keep derived values (decisions' links, the public
pages' token, the search index; on SQLite) for its write and does their work once before it
commits: it leaves what the triggers would have left. An import that fails after lifting them
leaves every trigger and every row as they were, on both databases."""

from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from ocop.catalog import fulltext
from ocop.imports import write
from ocop.registry import links
from ocop.registry.derived import expected_links
from ocop.registry.models import Decision, Producer, Product
from ocop.shared import bulk_writes, freshness
from tests.factories import SAMPLES, make_decision
from tests.workbooks import HEADER, registry_state, row, run, simple_list, write_xlsx

# Real transactions: the import commits or rolls back as it does outside the tests.
pytestmark = pytest.mark.django_db(transaction=True)
TAXED = [*HEADER, "Mã số thuế"]


@pytest.fixture(autouse=True)
def reference_data():
    """Transactional tests end with a flush, which empties the migrations' reference data too
    (as in tests/conftest.py's page fixture): loaded before each test and again after it."""
    from django.apps import apps

    from ocop.registry.reference import load_all

    load_all(apps)
    yield
    load_all(apps)


def triggers() -> set[tuple]:
    """Every trigger of the database with its definition."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT tgname, pg_get_triggerdef(oid), tgenabled FROM pg_trigger"
                " WHERE NOT tgisinternal"
            )
        return set(cursor.fetchall())


def search_rows() -> list[tuple]:
    if connection.vendor != "sqlite":
        return []  # PostgreSQL searches the registry's own tables
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, product, producer FROM {fulltext.TABLE} ORDER BY rowid")
        return cursor.fetchall()


def stale_links() -> list:
    return [row for row in expected_links(Decision.objects.all()) if row[1] != row[2]]


def taxed_list(path, *rows):
    return write_xlsx(path, {"Năm 2024": [TAXED, *rows]})


def test_an_import_over_stored_rows_leaves_what_the_triggers_would_have_left(tmp_path):
    first = taxed_list(
        tmp_path / "a.xlsx",
        [*row(1, "Mật ong bạc hà", "Công ty TNHH Ong Mật", "xã Mường Tè",
              decided_on=date(2022, 6, 1)), "6200123456"],
        [*row(2, "Chè Shan tuyết", "HTX Chè Nậm Sỏ", number="9/QĐ-UBND",
              decided_on=date(2021, 1, 5))],
    )  # fmt: skip
    assert run(first).ok
    installed, token = triggers(), freshness.token()
    # A later list: the producer renamed under its tax code (its products' search text
    # changes), a decision before and one after the stored one, a new product.
    second = taxed_list(
        tmp_path / "b.xlsx",
        [*row(1, "Mật ong bạc hà", "Công ty TNHH Mật Ong Sìn Hồ", "xã Mường Tè",
              number="5/QĐ-UBND", decided_on=date(2025, 8, 1)), "6200123456"],
        [*row(2, "Mật ong bạc hà", "Công ty TNHH Mật Ong Sìn Hồ", "xã Mường Tè",
              number="1/QĐ-UBND", decided_on=date(2019, 2, 1)), "6200123456"],
        [*row(3, "Chè Shan tuyết", "HTX Chè Nậm Sỏ", number="7/QĐ-UBND",
              decided_on=date(2024, 1, 5))],
        [*row(4, "Chè búp khô", "HTX Chè Nậm Sỏ", number="8/QĐ-UBND",
              decided_on=date(2024, 1, 5))],
    )  # fmt: skip
    result = run(second)
    assert result.ok, result.lines()
    # Stored by the one rule for organisation names (Decree 30): the field "Mật ong" lower case.
    assert Producer.objects.get(tax_code="6200123456").name == "Công ty TNHH Mật ong Sìn Hồ"
    assert stale_links() == []
    honey = Product.objects.get(name="Mật ong bạc hà").decisions.order_by("decided_on")
    assert list(honey.values_list("next_decided_on", flat=True)) == [
        date(2022, 6, 1), date(2025, 8, 1), None
    ]  # fmt: skip
    assert fulltext.stale_products() == 0
    assert freshness.token() != token
    assert triggers() == installed


def test_the_public_pages_show_an_import_on_the_very_next_request(client, tmp_path, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 1, 10))
    url = "/san-pham/?q=tra+hoa+vang"
    assert "Trà hoa vàng" not in client.get(url).content.decode()  # now kept for this token
    later = simple_list(tmp_path / "a.xlsx", row(1, "Trà hoa vàng", "HTX Trà Hoa Vàng",
                                                 decided_on=date(2025, 3, 1)))  # fmt: skip
    assert run(later).ok
    assert "Trà hoa vàng" in client.get(url).content.decode()


def test_an_import_that_fails_after_lifting_the_triggers_leaves_them_and_the_data(
    tmp_path, monkeypatch
):
    assert run(SAMPLES / "ocop-mau-2019-2026.xlsx").ok
    installed, state, token, index = triggers(), registry_state(), freshness.token(), search_rows()
    during = {}
    real_insert = write._insert

    def insert_then_fail(model, instances, now):
        real_insert(model, instances, now)
        if model is Decision:  # producers, products and decisions written, triggers lifted
            during["triggers"] = triggers()
            raise RuntimeError("disk full")

    monkeypatch.setattr(write, "_insert", insert_then_fail)
    later = simple_list(
        tmp_path / "a.xlsx",
        row(1, "Chè Shan tuyết Nậm Sỏ", number="300/QĐ-UBND", decided_on=date(2026, 2, 2)),
        row(2, "Trà hoa vàng", "HTX Trà Hoa Vàng", number="301/QĐ-UBND"),
    )
    with pytest.raises(RuntimeError, match="disk full"):
        run(later)
    if connection.vendor == "sqlite":
        lifted = {name for name, _ in installed - during["triggers"]}
        assert {links.INSERT_TRIGGER, "catalog_search_insert"} <= lifted
    assert triggers() == installed
    assert (registry_state(), freshness.token(), search_rows()) == (state, token, index)
    # And the triggers are at work again: a decision saved now is linked, moves the token.
    latest = Decision.objects.order_by("-decided_on", "-pk").first()
    product = latest.product
    make_decision(product, date(2026, 12, 1), number="1/QĐ-SAU")
    latest.refresh_from_db()
    assert latest.next_decided_on == date(2026, 12, 1)
    assert freshness.token() != token and stale_links() == []


def test_imported_records_never_take_the_ids_of_deleted_ones(tmp_path):
    assert run(simple_list(tmp_path / "a.xlsx", row(1))).ok
    gone = [model.objects.get().pk for model in (Decision, Product, Producer)]
    for model in (Decision, Product, Producer):  # the log still names them by these ids
        model.objects.all().delete()
    assert run(simple_list(tmp_path / "b.xlsx", row(1, number="2/QĐ-UBND"))).ok
    new = [model.objects.get().pk for model in (Decision, Product, Producer)]
    assert all(pk > old for pk, old in zip(new, gone, strict=True)), (new, gone)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="nothing is lifted on PostgreSQL")
def test_triggers_are_never_lifted_outside_a_transaction():
    with pytest.raises(RuntimeError):
        bulk_writes.lift([links.INSERT_TRIGGER])  # the drop would be committed at once
    assert links.INSERT_TRIGGER in links.installed_triggers()
