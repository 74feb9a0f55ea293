"""The embeddable list (/du-lieu/nhung/): a commune's or a product group's valid products, for
other sites (a commune's portal, a tourism page) to show in an iframe. This module reads the
address's choice; the list itself is the registry on today (ocop.opendata.records)."""

from dataclasses import dataclass

from django.db.models import Q

from ocop.registry.models import Product, ProductSet, Unit

MAX_PRODUCTS = 200


@dataclass(frozen=True)
class Choice:
    title: str
    products: object  # a Product queryset


def choice(query) -> Choice:
    """?xa=<commune code> and/or ?nhom=<a product set key, a group's or a sector's: I.1.a,
    I.1, I>. Raises ValueError with the reason, in Vietnamese."""
    code, key = query.get("xa", "").strip(), query.get("nhom", "").strip()
    if not code and not key:
        raise ValueError("Cần chọn xã/phường (?xa=mã xã) hoặc nhóm sản phẩm (?nhom=mã nhóm).")
    products, titles = Product.objects.all(), []
    if code:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise ValueError(f"Không có xã/phường mã '{code[:20]}'.")
        products, titles = products.filter(unit=unit), [str(unit)]
    if key:
        sets = ProductSet.objects.filter(Q(key=key) | Q(key__startswith=f"{key}."))
        found = list(sets)
        if not found:
            raise ValueError(f"Không có nhóm sản phẩm mã '{key[:20]}' (ví dụ: I.5 là nhóm Chè).")
        products = products.filter(product_set__in=found)
        titles.append(_title(found))
    return Choice(title=", ".join(titles), products=products)


def _title(sets: list) -> str:
    """A set's name, a group's (I.5: Chè) or a sector's (I: Thực phẩm)."""
    if len(sets) == 1:
        return sets[0].name
    return sets[0].group if len({s.group for s in sets}) == 1 else sets[0].sector
