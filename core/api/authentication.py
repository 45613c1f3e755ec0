"""The API's session authentication, for the portal's own pages that call the API signed in."""

from django.conf import settings
from rest_framework import authentication


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's, except that a request without a session cookie is not authenticated by session
    without loading a session for it: DRF asks Django for the request's user, which builds an
    empty session and an anonymous user for every request of a client without a cookie (most
    API clients), about 40 µs a request (make bench). Which API answers vary by cookie is said
    for all of them (core.middleware.ApiLanguageMiddleware), not left to the session being
    read."""

    def authenticate(self, request):
        if settings.SESSION_COOKIE_NAME not in request._request.COOKIES:
            return None
        return super().authenticate(request)
