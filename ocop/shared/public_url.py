"""Addresses on the public site, as printed on labels and given to search engines."""

from django.conf import settings
from django.urls import reverse


def public_url(request, path: str) -> str:
    """The absolute address of `path` on OCOP_PUBLIC_URL, or on the host the request came to
    when it is not set (development)."""
    base = settings.OCOP_PUBLIC_URL
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def page_context(request, path: str | None, **extra) -> dict:
    """What every public page's frame needs: its canonical address (`path` on the public site;
    None for a page search engines should not keep) and the address of the check form in the
    header."""
    return {
        "canonical": public_url(request, path) if path else None,
        "check_url": reverse("check"),
        **extra,
    }
