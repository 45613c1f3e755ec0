"""Template context every public page needs: the page in each language, and the portal's map
settings."""

from django.conf import settings
from django.urls import translate_url


def portal(request) -> dict:
    path = request.get_full_path()
    alternates = [
        {"code": code, "name": name, "url": translate_url(path, code)}
        for code, name in settings.LANGUAGES
    ]
    return {
        "language_alternates": alternates,
        "absolute_root": request.build_absolute_uri("/").rstrip("/"),
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
