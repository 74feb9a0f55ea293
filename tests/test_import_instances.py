"""The importer's new instances (ocop.imports.unsaved) are what Model.__init__ makes."""

from datetime import date

import pytest
from django.db.models.signals import post_init

from ocop.imports.unsaved import _defaults, unsaved
from ocop.registry.models import Decision, Producer, Product


def fields_of(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Producer, {"unit_id": 7, "tax_code": "6200123456"}),
        (Product, {}),
        (
            Decision,
            {
                "product_id": 3,
                "stars": 4,
                "number": "12/QĐ-UBND",
                "decided_on": date(2024, 3, 1),
                "issuer": "UBND tỉnh Lai Châu",
                "public_code": "",
            },
        ),
    ],
)
def test_it_makes_what_the_model_makes(model, values):
    made = unsaved(model, **values)
    expected = model(**values)
    assert type(made) is model
    assert fields_of(made) == fields_of(expected)
    assert (made._state.adding, made._state.db) == (True, None)


def test_new_instances_do_not_share_their_state():
    first, second = unsaved(Product), unsaved(Product)
    first.name = "Chè Shan tuyết"
    assert second.name == ""
    assert first._state is not second._state


def test_a_model_with_init_receivers_is_built_the_ordinary_way():
    heard = []

    def receiver(sender, instance, **kwargs):
        heard.append(instance)

    post_init.connect(receiver, sender=Product)
    _defaults.cache_clear()
    try:
        made = unsaved(Product, name="Mật ong")
    finally:
        post_init.disconnect(receiver, sender=Product)
        _defaults.cache_clear()
    assert heard == [made]
