"""Addresses on the public site, as printed on labels and given to search engines."""

from django.conf import settings


def public_url(request, path: str) -> str:
    """The absolute address of `path` on OCOP_PUBLIC_URL, or on the host the request came to
    when it is not set (development)."""
    base = settings.OCOP_PUBLIC_URL
    return f"{base}{path}" if base else request.build_absolute_uri(path)
