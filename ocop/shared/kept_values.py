"""Values kept in the shared cache (CACHES: files on one machine, Redis across several) for
one day and one registry version (ocop.shared.freshness): rendered public pages, verification
verdicts, API answers and figures. Computed by the first server process that needs them and
read by every other one; a write to the registry gives a new version, so what was kept for the
old one is never read again (and leaves the cache with its day)."""

import hashlib
from collections.abc import Callable, Hashable
from datetime import date

from django.core.cache import cache
from django.db import connections

from ocop.shared import freshness
from ocop.shared.replica import reading_alias

_MISSING = object()


def kept(
    kind: str,
    day: date,
    name: Hashable,
    build: Callable,
    keep=None,
    connection=None,
    product=None,
    shown=None,
):
    """The value kept under (`kind`, `name`) for `day` and the registry as it is now, else what
    `build()` returns, kept unless `keep(value)` says not. `name` is anything whose repr tells
    it apart (an address, a tuple of parameters). With `product` (an id), the value shows that
    product alone: kept until that product or "any product" changes, not the whole registry.
    With `shown`, (product ids, the registry's version they were chosen at), the value shows
    those products, and `name` holds all else it shows of the registry (a search page's counts):
    kept until one of them or "any product" changes; not kept if the registry has moved since
    that version (freshness.products_token)."""
    connection = connection or connections[reading_alias()]
    if shown is not None:
        version = freshness.products_token(*shown, connection=connection)
    elif product is None:
        version = freshness.token(connection)
    else:
        version = freshness.product_token(product, connection)
    if version is None:
        return build()
    where = repr((freshness.database_key(connection), day.isoformat(), version, name))
    key = f"{kind}:{hashlib.sha256(where.encode()).hexdigest()}"
    value = cache.get(key, _MISSING)
    if value is not _MISSING:
        return value
    value = build()
    if keep is None or keep(value):
        cache.set(key, value)
    return value
