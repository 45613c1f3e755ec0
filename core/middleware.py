"""API requests: ``?lang=ky`` overrides the Accept-Language header; times are in UTC; every
answer varies by who asks."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

LANGUAGES = {code for code, _name in settings.LANGUAGES}


class ApiLanguageMiddleware:
    """Runs after LocaleMiddleware: for /api/ requests, a valid ``lang`` query parameter wins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.GET.get("lang")
        if language is not None and request.path.startswith("/api/"):
            if language not in LANGUAGES:
                return JsonResponse(
                    {
                        "lang": [
                            _("Choose one of: %(languages)s.")
                            % {"languages": ", ".join(sorted(LANGUAGES))}
                        ]
                    },
                    status=400,
                )
            translation.activate(language)
            request.LANGUAGE_CODE = language
        if request.path.startswith("/api/"):
            # The API speaks UTC; each event carries its own time zone for people.
            with timezone.override(datetime.UTC):
                response = self.get_response(request)
            # What a client may see, and so any answer, depends on its token or session: said
            # here for every answer, errors too (a session is not read for clients without one).
            patch_vary_headers(response, ("Authorization", "Cookie"))
            return response
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy for the public pages: scripts, styles and data only from the
    portal itself, map tiles also from the tile server; nothing inline may run. (The admin is
    Django's and keeps its own defaults.)"""

    PUBLIC_PREFIXES = tuple(f"/{code}/" for code in LANGUAGES)

    def __init__(self, get_response):
        self.get_response = get_response
        tiles = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a"))
        tile_origin = f"{tiles.scheme}://{tiles.netloc}" if tiles.netloc else ""
        self.policy = "; ".join(
            [
                "default-src 'self'",
                f"img-src 'self' data: {tile_origin}".strip(),
                "script-src 'self'",
                "style-src 'self'",
                "connect-src 'self'",
                "font-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'",
            ]
        )

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.PUBLIC_PREFIXES):
            response.setdefault("Content-Security-Policy", self.policy)
        return response
