"""Names on the public pages as the lists print them (ocop.registry.printed), for the pages
that list many products (cards, search, verification): by the rule alone, with the registry's
known places and proper names capitalised; a name an officer wrote is shown as stored. The
stored names never change here."""

from asgiref.local import Local
from django.core.signals import request_finished, request_started
from django.utils import timezone

from ocop.domain.display import producer_display_name, product_display_name
from ocop.registry.models import Province
from ocop.registry.places import proper_names
from ocop.shared.freshness import Kept

# The registry's place and proper names, read again after a write (a unit renamed moves the
# registry's version like any other write).
_NAMES = Kept(size=1)
# Within one request the names are asked once, not once per card (each ask reads the version).
_request = Local()


def _names() -> frozenset[str]:
    names = getattr(_request, "names", None)
    if names is None:
        names = _request.names = _NAMES.get(timezone.localdate(), "names", _registry_names)
    return names


def _forget(**kwargs) -> None:
    _request.names = None


request_started.connect(_forget, dispatch_uid="printed_names_started")
request_finished.connect(_forget, dispatch_uid="printed_names_finished")


def _registry_names() -> frozenset[str]:
    return proper_names(Province.objects.values_list("pk", flat=True))


def product_name(product) -> str:
    """A product's name as the lists print it (ocop.registry.printed), by the rule alone: its
    known places capitalised. A name an officer wrote is shown as stored."""
    if product.name_set_by_officer:
        return product.name
    return product_display_name(product.name, _names())


def producer_name(producer) -> str:
    """A producer's name by the one rule for organisation names (ocop.domain.display), as the
    lists print it; a name an officer wrote is shown as stored."""
    if producer.name_set_by_officer:
        return producer.name
    return producer_display_name(producer.name, _names())
