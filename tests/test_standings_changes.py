"""A write costs what it changes (ocop.shared.freshness, ocop.catalog.standings): after each
committed write, today's standings are patched from the change log, product by product, and are
then equal to standings computed from scratch. A write of "any product" (a commune, a bulk write)
computes everything again; a rolled-back write is never patched from; on PostgreSQL a write that
commits after a later one is still seen."""

from datetime import date

import psycopg
import pytest
from django.db import connection, transaction

from ocop.catalog import standings as standings_module
from ocop.catalog.standings import RANK
from ocop.registry.models import Decision, Producer, ProducerType, Product, Unit
from ocop.shared import freshness
from tests.factories import make_decision, make_producer, make_product, unit

DAY = date(2026, 1, 10)
BUILD = standings_module._build  # from scratch, whatever a test counts


@pytest.fixture
def built(monkeypatch, committing_db):
    """The standings module with a count of its rebuilds from scratch."""
    standings_module.forget()
    calls = []

    def counted(*args, **kwargs):
        calls.append(args)
        return BUILD(*args, **kwargs)

    monkeypatch.setattr(standings_module, "_build", counted)
    yield calls
    standings_module.forget()


@pytest.fixture
def registry(committing_db):
    tea = make_decision(make_product("Chè Shan tuyết"), date(2024, 5, 4), stars=4)
    honey = make_decision(make_product("Mật ong bạc hà"), date(2022, 1, 4), stars=3)
    rice = make_decision(make_product("Gạo nếp"), date(2024, 2, 1), stars=3)
    return {"tea": tea, "honey": honey, "rice": rice}


def scratch() -> standings_module.Standings:
    return BUILD(DAY, None, settled=False)


def same(kept, fresh) -> None:
    """Equal standings: the same rows, and the same dictionary order of them (a patched rank
    may lie between two others rather than be a whole number)."""
    assert {pk: row[:RANK] for pk, row in kept.rows.items()} == {
        pk: row[:RANK] for pk, row in fresh.rows.items()
    }
    assert sorted(kept.rows, key=lambda pk: kept.rows[pk][RANK]) == sorted(
        fresh.rows, key=lambda pk: fresh.rows[pk][RANK]
    )
    ranks = [row[RANK] for row in kept.rows.values()]
    assert all(-1 <= rank < kept.rank_span - 1 for rank in ranks)
    assert kept.name_keys == fresh.name_keys
    assert {k: sorted(v) for k, v in kept.by_unit.items()} == {
        k: sorted(v) for k, v in fresh.by_unit.items()
    }
    assert {k: sorted(v) for k, v in kept.by_set.items()} == {
        k: sorted(v) for k, v in fresh.by_set.items()
    }


def raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def revoke_by_save(r):
    decision = Decision.objects.get(pk=r["tea"].pk)
    decision.revoked_on = date(2025, 9, 15)
    decision.revocation_reason = "Không duy trì chất lượng"
    decision.save()


WRITES = {
    "revocation saved": revoke_by_save,
    "queryset update": lambda r: Decision.objects.filter(pk=r["rice"].pk).update(
        revoked_on=date(2025, 9, 15)
    ),
    "raw SQL": lambda r: raw(
        "UPDATE registry_decision SET stars = 5 WHERE id = %s", [r["honey"].pk]
    ),
    "new decision": lambda r: make_decision(r["honey"].product, date(2025, 1, 4), stars=4),
    "renamed (new rank)": lambda r: Product.objects.filter(pk=r["rice"].product_id).update(
        name="Ấm trà", name_key="am tra", sort_key="am tra"
    ),
    "moved commune": lambda r: Product.objects.filter(pk=r["rice"].product_id).update(
        unit=unit("Mường Tè")
    ),
    "producer kind": lambda r: Producer.objects.filter(pk=r["tea"].product.producer_id).update(
        kind=ProducerType.COMPANY
    ),
    "product deleted (cascade)": lambda r: Product.objects.filter(
        pk=r["honey"].product_id
    ).delete(),
    "new product": lambda r: make_decision(
        make_product("Cá suối", producer=make_producer("HTX Cá", "Mường Tè")), date(2025, 3, 1)
    ),
}


@pytest.mark.parametrize("write", WRITES)
def test_each_write_patches_the_products_it_touched(built, registry, write):
    first = standings_module.standings(DAY)
    assert len(built) == 1 and first.settled
    WRITES[write](registry)
    after = standings_module.standings(DAY)
    assert after is not first and len(built) == 1  # patched, not rebuilt
    same(after, scratch())
    assert standings_module.standings(DAY) is after  # kept until the next write


WORDS = [["che"], ["gao"], ["am"], ["mat", "ca"], ["nam"], ["muong"], ["tra"]]


def test_many_writes_in_a_row_stay_equal_to_a_rebuild(built, registry):
    kept = standings_module.standings(DAY)
    for words in WORDS:
        kept.matching(words, prefix=True)
    for write in WRITES.values():
        write(registry)
        kept, fresh = standings_module.standings(DAY), scratch()
        same(kept, fresh)
        for words in WORDS:  # found for the standings patched from, then asked again
            for prefix in (True, False):
                assert kept.matching(words, prefix) == fresh.matching(words, prefix), words
    assert len(built) == 1


def test_words_found_before_several_writes_are_still_right_after_them(built, registry):
    """A word asked of the first standings and not again until many copies later: what it
    found is carried from copy to copy with every product changed since."""
    kept = standings_module.standings(DAY)
    for words in WORDS:
        kept.matching(words, prefix=True)
    for write in WRITES.values():
        write(registry)
        standings_module.standings(DAY)  # patched, the words not asked
    kept, fresh = standings_module.standings(DAY), scratch()
    assert kept._inherited  # carried, not asked of the whole index again
    for words in WORDS:
        assert kept.matching(words, prefix=True) == fresh.matching(words, prefix=True), words
    assert len(built) == 1


def test_new_products_crowding_one_place_in_the_order_are_ranked_anew(built, registry):
    standings_module.standings(DAY)
    for number in range(60):  # each one halves the gap before "Gạo nếp": too close by 53
        make_decision(make_product(f"Gạo nếp {'a' * (60 - number)}"), date(2025, 3, 1))
        same(standings_module.standings(DAY), scratch())
    assert len(built) == 1


def test_a_write_of_any_product_rebuilds(built, registry):
    standings_module.standings(DAY)
    Unit.objects.filter(pk=registry["tea"].product.unit_id).update(name="Nậm Sỏ mới")
    same(standings_module.standings(DAY), scratch())
    assert len(built) == 2
    freshness.bump()  # what a bulk writer does after lifting its triggers
    standings_module.standings(DAY)
    assert len(built) == 3


def test_a_new_day_rebuilds(built, registry):
    standings_module.standings(DAY)
    standings_module.standings(date(2026, 1, 11))
    assert len(built) == 2


def test_a_rolled_back_write_is_never_patched_from(built, registry):
    before = standings_module.standings(DAY)
    with pytest.raises(RuntimeError), transaction.atomic():
        revoke_by_save(registry)
        inside = standings_module.standings(DAY)  # the writer reads its own write
        assert inside.rows[registry["tea"].product_id][1] == "revoked"
        assert not inside.settled
        raise RuntimeError("rolled back")
    assert standings_module.standings(DAY) is before  # the version is the old one again
    Decision.objects.filter(pk=registry["rice"].pk).update(stars=4)
    after = standings_module.standings(DAY)
    same(after, scratch())
    assert after.rows[registry["tea"].product_id][1] == "valid"


def test_a_reader_whose_unseen_rows_were_dropped_rebuilds(built, registry):
    seen = freshness.look()
    Decision.objects.filter(pk=registry["rice"].pk).update(stars=4)
    Decision.objects.filter(pk=registry["tea"].pk).update(stars=5)
    assert freshness.changed_products(seen) == {
        registry["rice"].product_id,
        registry["tea"].product_id,
    }
    raw(f"DELETE FROM {freshness.CHANGES} WHERE id <= %s", [seen.newest + 1])
    assert freshness.changed_products(seen) is None


def test_the_log_keeps_its_newest_rows(registry):
    raw(
        f"INSERT INTO {freshness.CHANGES} (product_id) WITH RECURSIVE n(i) AS"
        f" (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {freshness.KEEP + 50})"
        " SELECT %s FROM n",
        [registry["rice"].product_id],
    )
    Decision.objects.filter(pk=registry["rice"].pk).update(stars=4)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), max(id) - min(id) FROM {freshness.CHANGES}")
        count, span = cursor.fetchone()
    assert count <= freshness.KEEP + 1 and span <= freshness.KEEP


def other_connection() -> psycopg.Connection:
    """A second session on the test database, outside Django, with a transaction of its own."""
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"],
        dbname=settings["NAME"], autocommit=False,
    )  # fmt: skip


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time")
def test_a_write_committed_after_a_later_one_is_seen(built, registry):
    """PostgreSQL gives log ids before commit: a reader that saw a later id must still see
    the earlier one when it commits."""
    standings_module.standings(DAY)
    slow = other_connection()
    try:
        with slow.cursor() as cursor:  # takes its log id first, commits last
            cursor.execute(
                "UPDATE registry_decision SET revoked_on = '2025-09-15' WHERE id = %s",
                [registry["tea"].pk],
            )
        Decision.objects.filter(pk=registry["rice"].pk).update(stars=4)
        middle = standings_module.standings(DAY)
        assert middle.rows[registry["tea"].product_id][1] == "valid"
        assert middle.rows[registry["rice"].product_id][2] == 4
        slow.commit()
    finally:
        slow.close()
    after = standings_module.standings(DAY)
    assert after.rows[registry["tea"].product_id][1] == "revoked"
    same(after, scratch())
    assert len(built) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time")
def test_a_long_transaction_does_not_make_every_write_a_rebuild(built, registry):
    """While a transaction runs (an import), readers ask again for every log row of younger
    transactions: those they already applied are not counted twice, or one "any product" row
    would rebuild everything on each write until the long transaction ends."""
    standings_module.standings(DAY)
    long = other_connection()
    try:
        with long.cursor() as cursor:
            cursor.execute("SELECT pg_current_xact_id()")  # holds the snapshots' xmin back
        freshness.bump()
        standings_module.standings(DAY)
        assert len(built) == 2
        for stars in (4, 5):
            Decision.objects.filter(pk=registry["rice"].pk).update(stars=stars)
            same(standings_module.standings(DAY), scratch())
        assert len(built) == 2
    finally:
        long.close()


def test_the_words_for_corrections_gain_a_new_products_words(built, registry):
    kept = standings_module.standings(DAY)
    before = {near: set(kept.vocabulary(near)) for near in ("zuzu", "ca", "chee")}
    make_decision(make_product("Trà zuzu"), date(2025, 3, 1))
    kept = standings_module.standings(DAY)
    assert len(built) == 1
    fresh = scratch()
    for near in before:
        assert kept.vocabulary(near) == fresh.vocabulary(near), near
    assert "zuzu" in kept.vocabulary("zuzu") - before["zuzu"]
