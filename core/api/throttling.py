"""API throttles: anonymous clients by address, token clients by user, each counted once."""

from rest_framework.throttling import UserRateThrottle


class TokenRateThrottle(UserRateThrottle):
    """The "user" rate for authenticated clients only. DRF's UserRateThrottle also counts an
    anonymous client by its address, on top of AnonRateThrottle: two counters and two more
    cache round trips for every anonymous request."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
