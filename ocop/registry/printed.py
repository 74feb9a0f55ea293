"""How the registry prints its records in a document (issue 19): names and addresses in their
one display form, and the issuer a list may say. What is stored, as typed, never changes here.

- Addresses as places are written (ocop.domain.address_text), today's unit beside a former one.
- Producers by the one rule for organisation names (ocop.domain.display); products with their
  place and known proper names capitalised (the unit tables', the known products', and the
  hamlets of two syllables or more the document's addresses name: "Vàng Pheo"), and one
  spelling per identity (names.product_key) across the province's registry, so in every
  document alike: the best written of the spellings its products carry (display.name_quality),
  so that "Gạo Séng Cù Ka Lăng" and "Gạo séng cù Ka Lăng" never stand in two rows.
- A name an officer wrote in the back office is printed as stored (name_set_by_officer), and it
  is the spelling the other products of its identity take.
- A district committee is never printed for a decision of 01/07/2025 or later
  (ocop.domain.issuers.issuer_on_record)."""

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from ocop.domain.address_text import display_address, hamlet_names
from ocop.domain.display import name_quality, producer_display_name, product_display_name
from ocop.domain.issuers import issuer_on_record
from ocop.registry.models import Decision, Producer, Product
from ocop.registry.places import place_book, proper_names


class Printed:
    """Display forms for the products (with producers, units and provinces loaded) of one
    document."""

    def __init__(self, products: Iterable[Product], *, namesakes: bool = True):
        """`namesakes=False` for a page kept until its own products change (the public product
        page): each name is then printed by the rule alone, not in the spelling other products
        of its identity carry, whose changes would not reach the kept page."""
        products = list({product.pk: product for product in products}.values())
        provinces = {product.unit.province_id for product in products}
        self.book = place_book(provinces)
        addresses = [a for p in products for a in (p.address, p.producer.address) if a]
        self.names = proper_names(provinces) | hamlet_names(addresses)
        found = _namesakes(products, provinces) if namesakes else []
        self._spelling = self._canonical_spellings(found)

    def product(self, product: Product) -> str:
        if product.name_set_by_officer:
            return product.name
        spelled = self._spelling.get(product.name_key)
        return spelled or product_display_name(product.name, self.names)

    def producer(self, producer: Producer) -> str:
        if producer.name_set_by_officer:
            return producer.name
        return producer_display_name(producer.name, self.names)

    def address(self, product: Product) -> str:
        """The product's address, else its producer's, as places are written."""
        if product.address:
            return display_address(product.address, self.book, _today(product.unit))
        return self.producer_address(product.producer)

    def producer_address(self, producer: Producer) -> str:
        return display_address(producer.address, self.book, _today(producer.unit))

    def written(self, address: str) -> str:
        """An address as places are written, without today's unit: for a page that names
        the current commune right after it."""
        return display_address(address, self.book)

    @staticmethod
    def issuer(decision: Decision) -> tuple[str, bool]:
        province = decision.product.unit.province
        return issuer_on_record(
            decision.issuer,
            decision.issuer_presumed,
            decision.stars,
            decision.decided_on,
            f"{province.kind} {province.name}",
        )

    def _canonical_spellings(self, products: list["_Namesake"]) -> dict[str, str]:
        by_identity = defaultdict(list)
        for product in sorted(products, key=lambda p: p.pk):
            by_identity[product.name_key].append(product)
        return {key: self._best(members) for key, members in by_identity.items()}

    def _best(self, members: list["_Namesake"]) -> str:
        officers = [p.name for p in members if p.name_set_by_officer]
        if officers:
            return officers[0]
        shown = [product_display_name(p.name, self.names) for p in members]
        # Between spellings equally well written, the one with more capitalised words: inside a
        # product's name a capital marks a proper name someone knew ("Gạo Séng Cù", "Rượu San
        # Lùng"); a lower case one is more often haste. Then the oldest record's (max keeps the
        # first of equals).
        return max(
            shown,
            key=lambda name: (
                name_quality(name, self.names, producer=False),
                sum(word[:1].isupper() for word in name.split()),
            ),
        )


_KEYS_PER_QUERY = 500  # under every database's limit of parameters


class _Namesake(NamedTuple):
    pk: int
    name: str
    name_key: str
    name_set_by_officer: bool


def _namesakes(products: list[Product], provinces: set[int]) -> list[_Namesake]:
    """The province's products that share a name key with one of `products` (them included),
    other producers' too."""
    keys = sorted({product.name_key for product in products})
    found = []
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        rows = Product.objects.filter(
            name_key__in=keys[start : start + _KEYS_PER_QUERY], unit__province__in=provinces
        ).values_list(*_Namesake._fields)
        found += map(_Namesake._make, rows)
    return found


def _today(unit) -> tuple[str, str]:
    return unit.kind, unit.name
