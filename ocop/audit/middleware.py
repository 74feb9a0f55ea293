"""Every write a web request makes is logged as coming from a page: the signed-in user, the
client's address (as the login throttle sees it: ocop.shared.client_address) and the URL path.
The request's correlation id header, when a proxy sends one, ties its entries together."""

from auditlog.cid import set_cid

from ocop.shared.change_source import source
from ocop.shared.client_address import client_address


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        set_cid(request)
        # The user object itself, read when an entry is written: a sign-in during the
        # request is then the actor of what follows it.
        user = getattr(request, "user", None)
        with source("page", actor=user, remote_addr=client_address(request) or None,
                    path=request.path):  # fmt: skip
            return self.get_response(request)
