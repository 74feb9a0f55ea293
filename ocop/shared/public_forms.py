"""What the public forms (misuse reports, buyers' inquiries) share: their messages, and what
keeps spam out without outside services: a honeypot field that people leave empty, and a count
per client per hour under a key that does not store the client's address."""

import hashlib
import hmac

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from ocop.shared.client_address import client_address

# A field hidden from people; a robot that fills every field gives itself away.
TRAP = "website"


def client_key(request) -> str:
    """The client's address as a keyed hash: counted, never stored in the clear."""
    address = client_address(request).encode()
    return hmac.new(settings.SECRET_KEY.encode(), address, hashlib.sha256).hexdigest()


def this_hour():
    return timezone.now().replace(minute=0, second=0, microsecond=0)


def missing(field) -> str:
    return gettext("Vui lòng nhập %(field)s.") % {"field": str(field.label).lower()}


def too_long(field) -> str:
    return gettext("%(field)s dài quá %(n)s ký tự.") % {"field": field.label, "n": field.max_length}


def described(form: forms.Form) -> None:
    """Point each field with help at it, for screen readers."""
    for name, field in form.fields.items():
        if field.help_text:
            field.widget.attrs["aria-describedby"] = f"id_{name}-help"
