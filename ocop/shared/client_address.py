"""The address of the client a request came from, as the login throttle and its log see it."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind REVERSE_PROXY_COUNT proxies the X-Forwarded-For entry written by
    the outermost one. Entries left of it were sent by the client and can say anything, so
    trusting the left-most would let an attacker pick a fresh address for every guess."""
    peer = request.META.get("REMOTE_ADDR", "")
    count = settings.REVERSE_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if not count or not entries:
        return peer
    return entries[-min(count, len(entries))]
