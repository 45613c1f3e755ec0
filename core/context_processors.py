"""Template context every public page needs: the page in each language, and the portal's map
settings."""

from django.conf import settings
from django.urls import translate_url

from core.links import in_language


def _alternate_url(request, path: str, query: str, language: str) -> str:
    """The page's URL in ``language``, as ``translate_url`` gives it. The view was resolved
    already (``request.resolver_match``), so only the reversal is made, once per language and
    view for a page without arguments (core.links.page_url)."""
    match = request.resolver_match
    translated = in_language(match, language) if match is not None else None
    if translated is None:
        return translate_url(path + query, language)
    return translated + query


def portal(request) -> dict:
    path, mark, query = request.get_full_path().partition("?")
    query = mark + query
    alternates = [
        {"code": code, "name": name, "url": _alternate_url(request, path, query, code)}
        for code, name in settings.LANGUAGES
    ]
    return {
        "language_alternates": alternates,
        "absolute_root": request.build_absolute_uri("/").rstrip("/"),
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
