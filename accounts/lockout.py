"""What a client sees while its logins are locked out (django-axes): JSON for the API, a page
for people; both say when to try again."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

RETRY_AFTER = int(settings.AXES_COOLOFF_TIME.total_seconds())


def locked_out(request, credentials=None, *args, **kwargs):
    minutes = RETRY_AFTER // 60
    message = _(
        "Too many failed attempts to sign in with this name from your address. "
        "Try again in %(minutes)d minutes."
    ) % {"minutes": minutes}
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(RETRY_AFTER)
    return response
