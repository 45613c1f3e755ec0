"""API throttles: anonymous clients by address, token clients by user, each counted once, in one
atomic round trip to Redis per request.

Why not DRF's SimpleRateThrottle: it keeps each client's request times as a pickled list in the
cache and does a ``cache.get`` and then a ``cache.set`` on every request. That is two round trips,
a list as long as the rate (1200 floats at the "user" rate) unpickled and pickled each time, and
a race: two gunicorn workers that read the same list both append to it, the later ``set`` drops
the other's request, and concurrent requests go uncounted, so the limit does not hold across
processes.

Here each client has one integer counter per fixed window of the rate's duration. A request
increments the current window's counter (INCR, renewing its expiry) and reads the previous
window's counter in one round trip (core.redis_round_trip). INCR is atomic, so every request gets
its own number and no two processes can both take the last place. The count over the last
``duration`` seconds is estimated as the current counter plus the previous one weighted by how
much of the previous window still lies within those seconds (a sliding-window approximation). A
refused request gives its count back (one more round trip, only for a client already over its
limit), so that, as with DRF's throttle, only the requests let in count and a client that keeps
retrying is still let in at its rate.

A throttle that cannot count lets the request through: with Redis down the API serves,
unthrottled, instead of answering 500 (as django-redis's IGNORE_EXCEPTIONS does for the cache).
Without django-redis (``make run``'s local-memory cache) the same counters are kept with
``cache.add`` and ``cache.incr``, atomic within the one process that such a cache serves.

The same round trip reads the cache keys that the view will read first (an API list's table
stamps and kept response: ``cache_keys_to_read`` and ``cache_values_read`` on the view), so
that a cold list makes one round trip to Redis before its query instead of two: each was about
0.15 ms of a 2 ms request to a small list (make bench).
"""

import logging
import math

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django_redis.cache import RedisCache
from rest_framework import throttling

from core.redis_round_trip import round_trip

logger = logging.getLogger(__name__)


class WindowRateThrottle(throttling.SimpleRateThrottle):
    """SimpleRateThrottle's scopes, rates and cache keys (through the cache's KEY_PREFIX),
    counted per window as the module docstring explains."""

    cache_alias = DEFAULT_CACHE_ALIAS

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window, self.elapsed = divmod(self.now, self.duration)
        self.key = f"{key}:{int(window)}"
        to_read = view.cache_keys_to_read() if hasattr(view, "cache_keys_to_read") else []
        try:
            self.current, self.previous, values = self._count(
                self.key, f"{key}:{int(window) - 1}", to_read
            )
        except Exception as error:  # each cache backend has errors of its own
            logger.warning("API throttle %s could not count, request let through: %r", key, error)
            return True
        if to_read:
            view.cache_values_read(values)
        # current + previous * (duration - elapsed) / duration <= limit, without the division.
        if (
            self.current * self.duration + self.previous * (self.duration - self.elapsed)
            <= self.num_requests * self.duration
        ):
            return True
        self._give_back(self.key)
        return False

    def wait(self) -> int:
        """Seconds until the next request would be let in if none came meanwhile (at least 1)."""
        limit, duration = self.num_requests, self.duration
        admitted = self.current - 1  # this window's requests let in; the refused one gave back
        left = duration - self.elapsed  # of the current window
        if limit < 1:
            seconds = duration  # a rate of 0 lets nothing in
        elif admitted < limit:
            # Room in this window once the previous one weighs less.
            seconds = (
                left - duration * (limit - admitted - 1) / self.previous if self.previous else 0
            )
        else:
            # Room only in the next window, once this one (by then the previous) weighs less.
            seconds = left + duration * (admitted - limit + 1) / admitted
        return max(1, math.ceil(seconds))

    def _count(self, key: str, previous_key: str, to_read: list[str]) -> tuple[int, int, dict]:
        """This window's count with this request, the previous window's count, and the values
        of the ``to_read`` keys that the cache has."""
        cache = caches[self.cache_alias]
        # Read during the next window too, as its previous one.
        timeout = 2 * self.duration
        if isinstance(cache, RedisCache):
            key = cache.make_key(key)
            commands = [
                ("INCR", key),
                ("EXPIRE", key, timeout),
                ("GET", cache.make_key(previous_key)),
            ]
            if to_read:
                commands.append(("MGET", *[cache.make_key(name) for name in to_read]))
            current, _expiry_set, previous, *read = round_trip(self.cache_alias, commands)
            found = read[0] if read else []
            values = {
                name: cache.client.decode(value)
                for name, value in zip(to_read, found, strict=True)
                if value is not None
            }
            return current, int(previous or 0), values
        cache.add(key, 0, timeout)
        return cache.incr(key), int(cache.get(previous_key, 0)), cache.get_many(to_read)

    def _give_back(self, key: str) -> None:
        cache = caches[self.cache_alias]
        try:
            if isinstance(cache, RedisCache):
                round_trip(self.cache_alias, [("DECR", cache.make_key(key))])
            else:
                cache.decr(key)
        except Exception as error:  # the count stays one too high, no more
            logger.warning("API throttle %s could not give back a refused request: %r", key, error)


class AnonRateThrottle(WindowRateThrottle, throttling.AnonRateThrottle):
    """The "anon" rate for clients without a token or session, by address (DRF's get_ident,
    which honours NUM_PROXIES)."""


class TokenRateThrottle(WindowRateThrottle, throttling.UserRateThrottle):
    """The "user" rate for authenticated clients only, by user id. DRF's UserRateThrottle also
    counts an anonymous client by its address, on top of AnonRateThrottle: two counters and two
    more cache round trips for every anonymous request."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
