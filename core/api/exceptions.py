"""Errors as the API's clients see them: a database invariant is a 400 with its message,
a record still referenced elsewhere a 409, never a 500; a throttled request is told when to come
back in its own language."""

from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import status
from rest_framework.exceptions import ErrorDetail, Throttled
from rest_framework.response import Response
from rest_framework.views import exception_handler


def _constraint_message(error: IntegrityError) -> str:
    """The translated message of the named constraint the database reported, if it is ours."""
    from django.apps import apps

    text = str(error)
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.name in text:
                return str(constraint.get_violation_error_message())
    return _("The data breaks a rule of the registry.")


def _throttled_detail(exc: Throttled) -> ErrorDetail:
    # DRF fills in the seconds before it translates its sentence, so no catalog matches it and
    # the wait stayed in English ("Запрос был проигнорирован. Expected available in 5 seconds.").
    wait = ngettext("Try again in %(wait)d second.", "Try again in %(wait)d seconds.", exc.wait) % {
        "wait": exc.wait
    }
    return ErrorDetail(f"{Throttled.default_detail} {wait}", code=exc.default_code)


def portal_exception_handler(exc, context):
    # ProtectedError is a kind of IntegrityError: test for it first.
    if isinstance(exc, ProtectedError | RestrictedError):
        return Response(
            {"detail": _("This record is referred to by other records and cannot be deleted.")},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, IntegrityError):
        return Response(
            {"non_field_errors": [_constraint_message(exc)]}, status=status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, Throttled) and exc.wait is not None:
        exc.detail = _throttled_detail(exc)
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # A bare list of messages (e.g. from a filter): the documented shape is an object.
        response.data = {"non_field_errors": response.data}
    return response
