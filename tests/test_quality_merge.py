"""A merge moves every decision, photo and point of sale to the record kept, keeps the derived
values right, and its undo gives back exactly the rows, ids and field values of before."""

from datetime import date

import pytest

from ocop.catalog.models import PointOfSale, ProductPhoto
from ocop.quality.merge import MergeRefused, merge, undo
from ocop.registry.derived import recompute
from ocop.registry.models import Decision, Producer, Product
from ocop.registry.summary import summarize
from tests.factories import make_decision
from tests.quality_cast import twin_producers, twin_products

pytestmark = pytest.mark.django_db

DAY = date(2025, 12, 31)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def everything() -> dict:
    """Every row the merge may touch, field by field."""
    tables = (Producer, Product, Decision, ProductPhoto, PointOfSale)
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in tables}


def test_merging_producers_moves_every_product_decision_and_point_of_sale():
    kept, twin = twin_producers()
    codes = set(Decision.objects.values_list("public_code", flat=True))

    record = merge(kept, twin)

    assert not Producer.objects.filter(pk=twin.pk).exists()
    assert set(kept.products.values_list("name", flat=True)) == {
        "Chè Shan tuyết Nậm Sỏ",
        "Măng khô Nậm Sỏ",
    }
    tea = kept.products.get(name="Chè Shan tuyết Nậm Sỏ")
    assert sorted(tea.decisions.values_list("number", flat=True)) == ["101/QĐ-UBND", "202/QĐ-UBND"]
    assert tea.photos.count() == 1 and tea.points_of_sale.count() == 1
    assert kept.points_of_sale.count() == 1
    assert set(Decision.objects.values_list("public_code", flat=True)) == codes
    assert record.kind == "producer" and record.moved_count == 5


def test_derived_values_stay_right_after_a_merge_and_its_undo():
    kept, twin = twin_producers()

    record = merge(kept, twin)
    assert (recompute().last_valid_days, recompute().links) == (0, 0)
    undo(record)
    assert (recompute().last_valid_days, recompute().links) == (0, 0)


def test_undo_gives_back_the_same_rows_ids_and_values():
    kept, twin = twin_producers()
    before = everything()

    record = merge(kept, twin)
    assert everything() != before
    undo(record)

    assert everything() == before
    record.refresh_from_db()
    assert record.undone_at is not None


def test_undoing_a_product_merge_is_exact_too():
    honey, honey_again = twin_products()
    before = everything()

    record = merge(honey, honey_again)
    assert honey.decisions.count() == 2 and honey.photos.count() == 1
    undo(record)

    assert everything() == before


def test_the_letter_counts_a_true_duplicate_once_and_undo_restores_the_figures():
    honey, honey_again = twin_products()
    before = summarize(DAY)

    record = merge(honey, honey_again)
    after = summarize(DAY)
    assert after.valid_products == before.valid_products - 1
    assert Decision.objects.count() == 2
    undo(record)

    assert summarize(DAY) == before


def test_it_refuses_to_merge_two_products_holding_the_same_decision():
    honey, honey_again = twin_products()
    make_decision(honey, decided_on=date(2024, 1, 5), number="77/QĐ-UBND")
    make_decision(honey_again, decided_on=date(2024, 1, 5), number="77/QĐ-UBND")
    before = everything()

    with pytest.raises(MergeRefused, match="77/QĐ-UBND ngày 05/01/2024"):
        merge(honey, honey_again)

    assert everything() == before


def test_an_undone_merge_cannot_be_undone_twice():
    honey, honey_again = twin_products()
    record = merge(honey, honey_again)
    undo(record)

    with pytest.raises(MergeRefused, match="đã được hoàn tác"):
        undo(record)


def test_the_audit_shows_every_row_the_merge_and_its_undo_touched(django_user_model):
    from ocop.audit.models import Action, Entry

    officer = django_user_model.objects.create_user("can.bo.gop")
    honey, honey_again = twin_products()
    record = merge(honey, honey_again, officer)
    undo(record, officer)

    entries = Entry.objects.filter(additional_data__merge=record.pk)
    touched = {(e.content_type.model, e.object_pk, e.action) for e in entries}
    decision = Decision.objects.get(number="502/QĐ-UBND")
    assert ("decision", str(decision.pk), Action.UPDATE) in touched
    assert ("product", str(record.removed_id), Action.DELETE) in touched
    assert ("product", str(record.removed_id), Action.CREATE) in touched
    assert {e.actor_id for e in entries} == {officer.pk}
