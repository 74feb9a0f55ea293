"""A database that is missing its tables or cannot be reached answers every page with a clear
503 page (what is wrong, what the administrator must run) instead of a traceback."""

from django.db.utils import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string

from ocop.database_state import UNREACHABLE, find_problem


class DatabaseProblemMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError):
            return None
        problem = find_problem()
        if problem is None:
            return None
        # No request context: the context processors could touch the database again.
        html = render_to_string(
            "503_database.html",
            {"unreachable": problem.kind == UNREACHABLE, "state": problem.state()},
        )
        return HttpResponse(html, status=503)
