"""Reads of the public site from a PostgreSQL replica, when one is configured
(`DATABASE_REPLICA_URL`, docs/scaling.md).

The public pages and the API only read, and they are most of the traffic of a national
deployment: a streaming replica takes them off the primary, which keeps the officers' writes.
Everything else reads from the primary: the back office, the admin, the letter (`/bao-cao/`),
any form that is being posted, every command. A page decides once, at the start of its
request, so one page never mixes the two databases. The freshness token that pages are kept
under (ocop.shared.freshness) is read from the same database as the page, so a replica that
lags shows yesterday's page a moment longer, never a page kept under a newer token.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_public_read: ContextVar[bool] = ContextVar("ocop_public_read", default=False)


def configured() -> bool:
    return REPLICA in settings.DATABASES


def reading_alias() -> str:
    """The database this request's reads go to."""
    return REPLICA if _public_read.get() and configured() else "default"


@contextmanager
def public_reads():
    marker = _public_read.set(True)
    try:
        yield
    finally:
        _public_read.reset(marker)


def is_public_read(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    return not request.path_info.startswith(tuple(settings.OCOP_PRIMARY_PATHS))


class ReplicaReadsMiddleware:
    """Marks the public site's GET and HEAD requests as reads for the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_read(request):
            return self.get_response(request)
        with public_reads():
            return self.get_response(request)


class ReplicaRouter:
    """Django's database router: public reads to the replica, everything else to the primary.
    Both hold the same tables (the replica is a copy), so relations between them are allowed
    and only the primary is migrated."""

    def db_for_read(self, model, **hints):
        return reading_alias()

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
