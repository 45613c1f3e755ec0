"""Language of API responses: ``?lang=ky`` overrides the Accept-Language header."""

from django.conf import settings
from django.utils import translation

LANGUAGES = {code for code, _name in settings.LANGUAGES}


class ApiLanguageMiddleware:
    """Runs after LocaleMiddleware: for /api/ requests, a valid ``lang`` query parameter wins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.GET.get("lang")
        if language in LANGUAGES and request.path.startswith("/api/"):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
