"""What the registry adds to every log entry when it is written: the source in force
(ocop.shared.change_source), the actor's name as it is today, the province of the record (a deleted
record's province cannot be looked up later) and a folded text to search."""

from django.conf import settings
from django.utils.encoding import smart_str

from ocop.domain.names import fold
from ocop.shared.change_source import current

# Accounts belong to no province of their own: without a profile, only staff of every
# province see their entries, never the install's default province.
_NO_DEFAULT_PROVINCE = {"auth.user", "backoffice.staffprofile"}
SEARCH_LIMIT = 200_000


def entry_fields(instance, given: dict) -> dict:
    here = current()
    actor = given.get("actor") or (here.actor if here else None)
    if not getattr(actor, "is_authenticated", False):
        actor = None
    actor = getattr(actor, "_wrapped", actor)  # request.user is a lazy object, now evaluated
    fields = {
        "source": here.kind if here else "system",
        "path": (here.path if here else "")[:500],
        "remote_addr": here.remote_addr if here else None,
        "actor": actor,
        "actor_name": actor.get_username() if actor else "",
        "additional_data": dict(here.extra) if here and here.extra else None,
    }
    fields["province_id"] = province_of(instance, actor)
    repr_ = given.get("object_repr") or describe(instance)
    fields["object_repr"] = repr_
    if "search_text" not in given:
        fields["search_text"] = search_text(repr_, fields["actor_name"], given.get("changes"))
    return fields


def describe(instance) -> str:
    """The record as the log names it: its own text, and for a decision its product's name
    too ("QĐ 12/QĐ-UBND ngày 15/03/2023" alone says little in a list of changes)."""
    if instance._meta.label_lower == "registry.decision":
        from ocop.registry.models import Product

        return decision_repr(
            instance, _first(Product.objects.filter(pk=instance.product_id), "name")
        )
    try:
        return smart_str(instance)
    except Exception:  # a half-deleted record whose __str__ follows a gone relation
        return ""


def decision_repr(decision, product_name: str | None) -> str:
    return f"{decision} — {product_name}" if product_name else str(decision)


def search_text(repr_: str, actor_name: str, changes) -> str:
    """The words a search in the log matches: folded (no diacritics, đ → d), as the site's
    own search folds them."""
    words = [repr_, actor_name]
    for value in (changes or {}).values():
        if isinstance(value, list | tuple):
            words.extend(smart_str(v) for v in value if v not in (None, "None", ""))
    return fold(" ".join(words))[:SEARCH_LIMIT]


def province_of(instance, actor=None) -> int | None:
    """The province a record belongs to, followed through the fields it has: its own
    province, its commune's, its product's or producer's, its account's profile. Else the
    acting staff member's province, else the install's own (OCOP_PROVINCE)."""
    from ocop.registry.models import Producer, Product, Province, Unit

    label = instance._meta.label_lower
    found = None
    if label == "registry.province":
        found = instance.pk
    elif getattr(instance, "province_id", None):
        found = instance.province_id
    elif getattr(instance, "unit_id", None):
        found = _first(Unit.objects.filter(pk=instance.unit_id), "province_id")
    elif getattr(instance, "product_id", None):
        found = _first(Product.objects.filter(pk=instance.product_id), "unit__province_id")
    elif getattr(instance, "producer_id", None):
        found = _first(Producer.objects.filter(pk=instance.producer_id), "unit__province_id")
    elif label == "auth.user":
        found = _profile_province(instance.pk)
    if found is None and actor is not None:
        found = _profile_province(actor.pk)
    if found is None and label not in _NO_DEFAULT_PROVINCE:
        found = _first(Province.objects.filter(code=settings.OCOP_PROVINCE), "pk")
    return found


def _profile_province(user_id) -> int | None:
    from ocop.accounts.models import StaffProfile

    return _first(StaffProfile.objects.filter(user_id=user_id), "province_id")


def _first(queryset, field: str):
    return queryset.values_list(field, flat=True).first()
