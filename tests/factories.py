"""Hand-written helpers that make registry rows with readable defaults."""

from datetime import date
from pathlib import Path

from ocop.registry.models import Decision, Producer, ProducerType, Product, Unit

# The sample lists travel with the project: a clone has no sibling shared/ folder.
SAMPLES = Path(__file__).resolve().parent / "data"


def unit(name: str) -> Unit:
    return Unit.objects.get(province__code="12", name=name)


def make_producer(name="Hợp tác xã Chè Nậm Sỏ", unit_name="Nậm Sỏ", **fields) -> Producer:
    fields.setdefault("kind", ProducerType.COOPERATIVE)
    return Producer.objects.create(name=name, unit=unit(unit_name), **fields)


def default_producer() -> Producer:
    return Producer.objects.filter(name="Hợp tác xã Chè Nậm Sỏ").first() or make_producer()


def make_product(name="Chè Shan tuyết Nậm Sỏ", producer=None, **fields) -> Product:
    producer = producer or default_producer()
    fields.setdefault("unit", producer.unit)
    return Product.objects.create(name=name, producer=producer, **fields)


def make_decision(product=None, decided_on=date(2023, 3, 15), stars=3, **fields) -> Decision:
    product = product or make_product()
    fields.setdefault("number", f"{Decision.objects.count() + 100}/QĐ-UBND")
    return Decision.objects.create(product=product, decided_on=decided_on, stars=stars, **fields)
