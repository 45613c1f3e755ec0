"""API requests: ``?lang=ky`` overrides the Accept-Language header; times are in UTC."""

import datetime

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone, translation
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
                return self.get_response(request)
        return self.get_response(request)
