"""Tags for the head of the public pages: canonical address, Open Graph and the language
switch."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone, translation

from ocop.shared import freshness
from ocop.shared.public_url import public_url

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's own address on the public site, without its query: ?ngay=, ?page= and the
    like show the same page."""
    request = context.get("request")
    return public_url(request, request.path) if request is not None else ""


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """`path` (a /static/ or /media/ address) made absolute, as og:image needs."""
    request = context.get("request")
    if request is None or not path or "://" in path:
        return path
    return public_url(request, path)


@dataclass(frozen=True)
class OtherLanguage:
    code: str
    name: str  # in its own language (settings.LANGUAGES): "English", "Tiếng Việt"
    url: str


@register.simple_tag(takes_context=True)
def other_language(context) -> OtherLanguage | None:
    """The same page in the other language, its query kept (?q=, ?ngay=, filters): Django's
    translate_url on the address asked for. None for a page that has no other language (the
    back office, the open data pages, an error page)."""
    request = context.get("request")
    if request is None:
        return None
    here = request.get_full_path()
    code = next(c for c, _ in settings.LANGUAGES if c != translation.get_language())
    there = translate_url(here, code)
    if there == here:
        return None
    return OtherLanguage(code, dict(settings.LANGUAGES)[code], there)


@dataclass(frozen=True)
class Contact:
    phone: str
    email: str

    def __bool__(self) -> bool:
        return bool(self.phone or self.email)


@register.simple_tag
def department_contact() -> Contact:
    """The department's phone and e-mail for the public (settings.OCOP_DEPARTMENT_*)."""
    return Contact(settings.OCOP_DEPARTMENT_PHONE, settings.OCOP_DEPARTMENT_EMAIL)


@register.simple_tag
def registry_updated():
    """The day the public data last changed, in the site's time zone (the registry's change
    log, ocop.shared.freshness): the footer's "last updated". None before any dated write. A
    kept page shows the right day, being kept only until the next write."""
    moment = freshness.last_change()
    return timezone.localdate(moment) if moment else None
