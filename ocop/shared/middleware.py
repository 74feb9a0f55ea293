"""A database that is missing its tables or cannot be reached answers every page with a clear
503 page (what is wrong, what the administrator must run) instead of a traceback; the
language of a request is that of its address; a request carrying a NUL byte is refused."""

from django.conf import settings
from django.db.utils import DatabaseError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

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


class SiteLanguageMiddleware:
    """What Django's LocaleMiddleware does for i18n_patterns (activate the language before the
    URL is resolved), with the language read from the address alone: /en/… is English, every
    other address (the Vietnamese pages, the back office, the admin, the API) speaks
    LANGUAGE_CODE, whatever the browser's Accept-Language or a language cookie says. Officers'
    browsers are often set to English, and the registry speaks Vietnamese first. As the headers
    never choose, no "Vary: Accept-Language" splits the public pages in caches.

    The language is active while the request is answered and restored after, so nothing run
    later in the same thread (a test after an English page, say) inherits it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def carries_nul(request) -> bool:
    """A NUL byte in the path, the query or a posted field (files aside): no text of the
    registry holds one, and PostgreSQL refuses it in any query (a 500 before)."""
    if "\x00" in request.path:
        return True
    sent = [request.GET, request.POST] if request.method == "POST" else [request.GET]
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for data in sent
        for key, values in data.lists()
    )


class NulByteMiddleware:
    """Refuses a request carrying a NUL byte with a 400 saying so, in one place for every
    page. A view that speaks another language than pages (the API's JSON) says how, as its
    `refuse_bad_request(request)`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not carries_nul(request):
            return None
        refuse = getattr(view_func, "refuse_bad_request", None)
        if refuse is not None:
            return refuse(request)
        return render(request, "400.html", status=400)
