"""Requests per client and minute for the API (OCOP_API_PER_MINUTE), counted in Django's cache
framework. The client is its address as ocop.shared.client_address gives it (behind a proxy, the
address the proxy saw), so a client cannot pick a fresh one per request."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from ocop.shared.client_address import client_address

WINDOW = 60


@dataclass(frozen=True)
class Allowance:
    limit: int  # 0: no limit
    used: int
    retry_after: int  # seconds until the window ends

    @property
    def refused(self) -> bool:
        return bool(self.limit) and self.used > self.limit

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


def count_request(request, now: float | None = None) -> Allowance:
    """Count this request in its client's current window (fixed one-minute windows: one
    cache entry per client, gone with its window)."""
    limit = settings.OCOP_API_PER_MINUTE
    now = time.time() if now is None else now
    window = int(now // WINDOW)
    retry_after = max(1, (window + 1) * WINDOW - int(now))
    if not limit:
        return Allowance(0, 0, retry_after)
    key = f"ocop-api-rate:{client_address(request)}:{window}"
    # add() then incr(): atomic in the cache backends that share counts between processes.
    if cache.add(key, 1, timeout=WINDOW + 5):
        used = 1
    else:
        try:
            used = cache.incr(key)
        except ValueError:  # the entry ran out between the two calls
            cache.add(key, 1, timeout=WINDOW + 5)
            used = 1
    return Allowance(limit, used, retry_after)
