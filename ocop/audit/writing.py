"""What the registry adds to every log entry when it is written: the source in force
(ocop.shared.change_source), the actor's name as it is today, the province of the record (a deleted
record's province cannot be looked up later) and a folded text to search."""

from django.conf import settings
from django.utils.encoding import smart_str

from ocop.audit.tracked import TRACKED
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
    fields["province_id"] = province_of(instance)
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


def province_of(instance) -> int | None:
    """The province the record belongs to, by its line in ocop.audit.tracked.TRACKED, never
    the acting staff member's: an administrator of every province who changes a record of
    Hà Nội files the entry under Hà Nội. A record of no province (rows every province shares,
    a misuse report quoting no known code) is filed under the install's own province
    (OCOP_PROVINCE); an account without a profile under none."""
    from ocop.registry.models import Province

    found = _province_by(instance, TRACKED.get(instance._meta.label, {}).get("province"))
    if found is None and instance._meta.label_lower not in _NO_DEFAULT_PROVINCE:
        found = _first(Province.objects.filter(code=settings.OCOP_PROVINCE), "pk")
    return found


def _province_by(instance, how) -> int | None:
    if how is None:
        return None
    if callable(how):
        return how(instance)
    for lookup in how if isinstance(how, tuple) else (how,):
        found = _follow(instance, lookup)
        if found is not None:
            return found
    return None


def _follow(instance, lookup: str):
    """The end of `lookup` from the record: its first step from the record's own fields (a
    deleted record's row is gone, its parent's is not), the rest in the database."""
    if lookup == "pk":
        return instance.pk
    first, _, rest = lookup.partition("__")
    field = instance._meta.get_field(first)
    if not field.concrete:  # a reverse relation: an account's profile
        return _first(type(instance)._default_manager.filter(pk=instance.pk), lookup)
    value = getattr(instance, field.attname)
    if not rest or value is None:
        return value
    return _first(field.related_model._default_manager.filter(pk=value), rest)


def _first(queryset, field: str):
    return queryset.values_list(field, flat=True).first()
