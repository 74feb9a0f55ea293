"""The log's hash chain (ocop.audit.chain): every entry is chained as its transaction commits,
and an entry edited or deleted behind the application's back (its triggers dropped, as the
database's owner could) is named by `ocop audit_chain` and `ocop doctor`."""

from contextlib import contextmanager
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from django.db.models.signals import post_save
from django.utils import timezone

from ocop.audit import chain, triggers
from ocop.audit.models import ChainLink, Entry, ImportChange
from ocop.workspace.doctor import chain_findings
from tests.factories import make_decision, make_producer, make_product
from tests.workbooks import row, run, simple_list

# Entries are chained on commit: these tests commit, as the site does.
pytestmark = pytest.mark.django_db(transaction=True)


def behind_the_back(sql: str, params=()) -> None:
    """What someone holding the database's owner role could do."""
    triggers.drop(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        triggers.create(connection)


@pytest.fixture
def logged():
    """Five entries: two producers, a product, a decision, a change."""
    producer = make_producer()
    make_producer("Hộ Lò Văn Khánh")
    product = make_product(producer=producer)
    make_decision(product)
    product.description = "Chè búp một tôm hai lá"
    product.save()
    return list(Entry.objects.order_by("id").values_list("id", flat=True))


def test_every_entry_is_chained_as_it_commits(logged):
    links = list(ChainLink.objects.values_list("position", "entry_id"))
    assert links == list(enumerate(logged, start=1))
    verdict = chain.verify()
    assert verdict.ok and verdict.links == len(logged) and verdict.unchained == 0
    assert chain_findings() == []


def test_an_intact_chain_is_said_with_its_head(logged):
    out = _command()
    head = ChainLink.objects.last()
    assert f"Chuỗi nhật ký nguyên vẹn: {len(logged)} mục. Đầu chuỗi: {head}" in out


def test_an_edited_entry_is_named(logged):
    edited = logged[2]
    behind_the_back("UPDATE audit_entry SET object_repr = %s WHERE id = %s", ["Chè giả", edited])

    verdict = chain.verify()

    assert verdict.entry_id == edited
    assert f"Mục nhật ký #{edited} (vị trí 3 của chuỗi) đã bị sửa" in verdict.problem
    with pytest.raises(CommandError, match=f"#{edited}") as refused:
        call_command("audit_chain")
    assert refused.value.returncode == 1
    assert f"Nhật ký thay đổi bị can thiệp: Mục nhật ký #{edited}" in chain_findings()[0]


def test_an_edit_that_changes_no_text_is_found_too(logged):
    """The action, the actor, the changes' JSON: every column counts."""
    behind_the_back("UPDATE audit_entry SET action = 2 WHERE id = %s", [logged[-1]])
    assert chain.verify().entry_id == logged[-1]


def test_a_deleted_entry_is_named(logged):
    gone = logged[1]
    behind_the_back("DELETE FROM audit_entry WHERE id = %s", [gone])

    verdict = chain.verify()

    assert verdict.entry_id == gone
    assert verdict.problem == f"Mục nhật ký #{gone} (vị trí 2 của chuỗi) đã bị xóa."


def test_an_entry_deleted_with_its_link_leaves_a_gap(logged):
    behind_the_back("DELETE FROM audit_entry WHERE id IN (%s, %s)", logged[1:3])
    behind_the_back("DELETE FROM audit_chainlink WHERE position IN (2, 3)")

    verdict = chain.verify()

    assert verdict.entry_id == logged[3]
    assert verdict.problem == (
        f"Chuỗi nhật ký bị đứt trước mục #{logged[3]}: thiếu vị trí 2 đến 3 (các mục đó đã bị "
        "xóa cùng mắt xích của chúng)."
    )


def test_a_link_rewritten_to_hide_a_gap_does_not_match(logged):
    """Closing the gap by renumbering the later links leaves their hashes wrong."""
    behind_the_back("DELETE FROM audit_entry WHERE id = %s", [logged[1]])
    behind_the_back("DELETE FROM audit_chainlink WHERE position = 2")
    behind_the_back("UPDATE audit_chainlink SET position = position - 1 WHERE position > 2")

    verdict = chain.verify()

    assert verdict.entry_id == logged[2] and "đã bị sửa" in verdict.problem


def test_a_cut_tail_is_found_only_against_a_head_noted_before(logged):
    noted = chain.verify().head
    behind_the_back("DELETE FROM audit_entry WHERE id = %s", [logged[-1]])
    behind_the_back("DELETE FROM audit_chainlink WHERE entry_id = %s", [logged[-1]])

    assert chain.verify().ok  # what is left is a whole chain: nothing inside says it was longer
    verdict = chain.verify(expect_head=noted)
    assert not verdict.ok and f"đầu chuỗi đã ghi lại {noted}" in verdict.problem
    with pytest.raises(CommandError, match="các mục cuối đã bị xóa"):
        call_command("audit_chain", expect_head=noted)


def test_an_imports_changes_are_covered_by_its_entry(tmp_path):
    run(simple_list(tmp_path / "a.xlsx", row(1), row(2, product="Mật ong Tam Đường")))
    entry = Entry.objects.get(source="import")
    change = ImportChange.objects.filter(entry=entry).order_by("id")[1]
    assert chain.verify().ok

    behind_the_back("UPDATE audit_importchange SET object_repr = 'x' WHERE id = %s", [change.pk])

    assert chain.verify().entry_id == entry.pk


def test_an_import_is_chained_in_a_few_queries_whatever_its_size(
    tmp_path, django_assert_max_num_queries
):
    rows = [row(n, product=f"Sản phẩm {n}", number=f"{n}/QĐ-UBND") for n in range(1, 301)]
    with unsealed():
        run(simple_list(tmp_path / "big.xlsx", *rows))
    assert ImportChange.objects.count() >= 600

    with django_assert_max_num_queries(8):
        assert chain.seal() == 1
    assert chain.verify().ok


def test_entries_left_unchained_are_reported_and_sealed_on_demand(logged):
    behind_the_back("DELETE FROM audit_chainlink WHERE position > 3")
    assert chain.verify().ok and chain.verify().unchained == 0  # still within the grace
    behind_the_back(
        "UPDATE audit_entry SET timestamp = %s WHERE id > %s",
        [timezone.now() - timedelta(hours=1), logged[2]],
    )
    assert "2 mục nhật ký chưa vào chuỗi mã băm" in chain_findings()[0]

    out = _command("--seal")

    assert "Đã đưa 2 mục vào chuỗi." in out and "Chuỗi nhật ký nguyên vẹn: 5 mục" in out


def test_the_links_are_append_only_too():
    make_product()
    for sql in ("UPDATE audit_chainlink SET hash = 'x'", "DELETE FROM audit_chainlink"):
        with pytest.raises(DatabaseError, match="chỉ được ghi thêm"), connection.cursor() as c:
            c.execute(sql)
    assert chain.verify().ok


@contextmanager
def unsealed():
    """Writes whose seal on commit never runs, as from a process stopped after its commit."""
    post_save.disconnect(sender=Entry, dispatch_uid="ocop.audit.chain")
    try:
        yield
    finally:
        post_save.connect(chain.seal_on_commit, sender=Entry, dispatch_uid="ocop.audit.chain")


def _command(*args) -> str:
    out = StringIO()
    call_command("audit_chain", *args, stdout=out)
    return out.getvalue()
