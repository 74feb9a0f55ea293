"""Every public page exists twice: in Vietnamese at its path, and in English under /en/ with
the same URL name plus "_en". The views take the language as the keyword argument `lang`."""

from django.urls import include, path

LANGUAGES = ("vi", "en")


def url_name(name: str, lang: str) -> str:
    return name if lang == "vi" else f"{name}_en"


def bilingual(prefix: str, routes: list[tuple[str, object, str]]) -> list:
    """URL patterns for `routes` ((route, view, name), ...) under `prefix`, in both languages."""
    return [
        path(
            prefix if lang == "vi" else f"en/{prefix}",
            include(
                [
                    path(route, view, {"lang": lang}, name=url_name(name, lang))
                    for route, view, name in routes
                ]
            ),
        )
        for lang in LANGUAGES
    ]
