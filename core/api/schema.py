"""OpenAPI additions every operation shares: the language parameter and the error shapes."""

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from core.choices import Language


class PortalSessionScheme(SessionScheme):
    """The portal's session authentication is DRF's (core.api.authentication), described as
    drf-spectacular describes DRF's."""

    target_class = "core.api.authentication.SessionAuthentication"


class ErrorDetail(serializers.Serializer):
    """401, 403, 404, 409, 412, 429: one message in the request's language."""

    detail = serializers.CharField()


class ValidationErrors(serializers.Serializer):
    """400: messages per field (and ``non_field_errors``), in the request's language."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


LANG_PARAMETER = OpenApiParameter(
    name="lang",
    type=str,
    location=OpenApiParameter.QUERY,
    enum=Language.values,
    description="Language of translated fields and messages; overrides Accept-Language.",
)


class PortalAutoSchema(AutoSchema):
    def get_override_parameters(self):
        return [*super().get_override_parameters(), LANG_PARAMETER]

    def get_auth(self):
        auths = super().get_auth()
        # Public records are readable without a token (the participants endpoint is not).
        anonymous_reads = not getattr(self.view, "read_requires_auth", False)
        if self.method.upper() in ("GET", "HEAD") and anonymous_reads and {} not in auths:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        method = self.method.upper()
        shared = {
            "401": OpenApiResponse(ErrorDetail, description="No valid token."),
            "403": OpenApiResponse(ErrorDetail, description="Not allowed for this user."),
            "429": OpenApiResponse(ErrorDetail, description="Too many requests."),
        }
        is_list = method == "GET" and "{" not in self.path and self._is_list_view()
        # Any operation refuses an unknown ?lang=; writes and filters refuse invalid data.
        shared["400"] = OpenApiResponse(ValidationErrors, description="Invalid data.")
        if is_list:
            shared["404"] = OpenApiResponse(ErrorDetail, description="No such page.")
        if method in ("PUT", "PATCH", "DELETE"):
            shared["412"] = OpenApiResponse(
                ErrorDetail, description="If-Match does not match the record."
            )
        if method == "DELETE":
            shared["409"] = OpenApiResponse(
                ErrorDetail, description="Still referred to by other records."
            )
        if method == "GET":
            # The web server refuses a request line longer than it accepts.
            shared["414"] = OpenApiResponse(description="The address is too long.")
            shared["304"] = OpenApiResponse(
                description="Not modified since the ETag / date given (If-None-Match, "
                "If-Modified-Since)."
            )
        if "{" in self.path:
            shared["404"] = OpenApiResponse(ErrorDetail, description="No such record.")
        for code, response in shared.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    response,
                    code,
                    media_types=None if code in ("304", "414") else ["application/json"],
                )
        return responses
