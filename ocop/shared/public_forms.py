"""What keeps spam out of the public forms (misuse reports, buyers' inquiries) without outside
services: a honeypot field that people leave empty, and a count per client per hour under a key
that does not store the client's address."""

import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from ocop.shared.client_address import client_address

# A field hidden from people; a robot that fills every field gives itself away.
TRAP = "website"


def client_key(request) -> str:
    """The client's address as a keyed hash: counted, never stored in the clear."""
    address = client_address(request).encode()
    return hmac.new(settings.SECRET_KEY.encode(), address, hashlib.sha256).hexdigest()


def this_hour():
    return timezone.now().replace(minute=0, second=0, microsecond=0)
