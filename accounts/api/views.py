"""Issuing API tokens to partner systems' accounts."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny

from core.api.schema import ErrorDetail
from core.api.throttling import AnonRateThrottle


class TokenView(ObtainAuthToken):
    """POST a username and password, get the account's token. Failed attempts count towards a
    lockout (django-axes): after five for one username from one address, 15 minutes of 429."""

    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]

    def get_serializer_context(self):
        # django-axes marks the Django request as locked out; its middleware (last in
        # MIDDLEWARE) then answers 429. Give it that request, not DRF's wrapper.
        return {**super().get_serializer_context(), "request": self.request._request}

    @extend_schema(
        summary="Get the API token of an account",
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
            429: OpenApiResponse(ErrorDetail, description="Locked out after failed attempts."),
        },
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
