"""How long a back-office session lasts (issue 18): SESSION_COOKIE_AGE without a back-office
request signs it out (idle), and none lasts more than OCOP_SESSION_MAX_HOURS from its sign-in,
however busy: a session left open on a shared office computer, or a stolen cookie, does not
keep its rights for the fourteen days Django gives by default."""

import time

from django.conf import settings

# The moment of the sign-in, in seconds since the epoch, kept in the session itself.
SIGNED_IN_AT = "ocop_signed_in_at"


def remember_sign_in(sender, request, user, **kwargs):
    """user_logged_in's receiver: every sign-in (password, second factor) starts the count."""
    request.session[SIGNED_IN_AT] = time.time()


def outlived(session) -> bool:
    """Has this session passed its longest life? One signed in before the rule came (no
    moment kept) counts from now."""
    started = session.setdefault(SIGNED_IN_AT, time.time())
    return time.time() - started > settings.OCOP_SESSION_MAX_HOURS * 3600


def kept_alive(session) -> None:
    """A back-office request: the idle time starts again (saving the session moves its
    expiry, and the cookie's, SESSION_COOKIE_AGE ahead). Public pages do not, so that they
    never set a cookie."""
    session.modified = True
