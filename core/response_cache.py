"""Rendered responses kept in the shared cache (Redis) under everything they depend on.

API lists: a list's ETag already names all that its body depends on (the URL, the language, who
asks, the version stamps of the tables it shows and the day), so two requests with the same ETag
get the same bytes. The first request's JSON is kept under the request (URL with its host, media
type, language, who asks) tagged with that ETag, and read in the same round trip as the stamps:
a later request whose ETag is the kept one's is answered without a query, a serializer or a
renderer. Any change to a shown table renews its stamp, hence the ETag: an entry of an older
ETag is replaced, never served.

Public pages: pages an anonymous visitor without a session sees are the same for every such
visitor, so they are kept under the URL and the language, tagged with the portal's version
(renewed by any change to a portal table) and the day. Signed-in staff and visitors who carry a
session cookie always get a fresh page, and a response that sets a cookie is never kept.

Entries expire after RESPONSE_CACHE_SECONDS (0 turns the cache off); bodies larger than
RESPONSE_CACHE_MAX_BYTES are not kept.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

from core import versioning

logger = logging.getLogger(__name__)

PREFIX = "response:"


def _key(*parts) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return PREFIX + digest


def _enabled() -> bool:
    return settings.RESPONSE_CACHE_SECONDS > 0


def kept_response(entry, tag: str) -> HttpResponse | None:
    """The response kept in ``entry`` if it was kept under ``tag`` (the version of the data it
    shows), else None."""
    if not entry:
        return None
    kept_tag, content_type, body = entry
    if kept_tag != tag:
        return None
    return HttpResponse(body, content_type=content_type)


def keep_when_sent(key: str, tag: str, response, *, without_cookies: bool = False) -> None:
    """Keep the response's bytes under ``key``, tagged with the version they show, if it is a
    full 200 answer (and, ``without_cookies``, sets no cookie).

    The bytes are stored when the response is closed, which the WSGI server does after sending
    it: the client does not wait for the cache. Until then a concurrent request finds no entry
    and renders the page itself; an entry of an older version is replaced, never served."""

    def store():
        small = len(response.content) <= settings.RESPONSE_CACHE_MAX_BYTES
        if response.status_code != 200 or not small or (without_cookies and response.cookies):
            return
        try:
            entry = (tag, response["Content-Type"], response.content)
            cache.set(key, entry, timeout=settings.RESPONSE_CACHE_SECONDS)
        except Exception:  # a cache that raises: the next request renders again
            logger.warning("Response cache: could not keep %s", key, exc_info=True)

    # Django runs these when the response is closed (HttpResponseBase.close).
    response._resource_closers.append(store)


# --- API lists --------------------------------------------------------------------------------


def api_list_key(request, url: str, scope: str) -> str | None:
    """The key of a list answer to this request (at this absolute URL) from a client of this
    scope, or None when it is not kept (cache off, or a representation other than JSON, such as
    the browsable API)."""
    renderer = getattr(request, "accepted_renderer", None)
    if not _enabled() or renderer is None or renderer.format != "json":
        return None
    return _key(
        "api",
        url,
        request.accepted_media_type,
        translation.get_language(),
        scope,
    )


# --- Public pages -----------------------------------------------------------------------------


def _shared_page(request) -> bool:
    """True when the page is the same for everyone who would ask it this way."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def public_page(view):
    """Keep the view's page for anonymous visitors until the portal's data or the day changes.
    The portal's version and the kept page are read in one round trip."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _enabled() or not _shared_page(request):
            return view(request, *args, **kwargs)
        key = _key("page", request.build_absolute_uri(), translation.get_language())
        version, kept = versioning.portal_version_and([key])
        if version is None:
            return view(request, *args, **kwargs)
        tag = f"{version}:{timezone.localdate()}"
        response = kept_response(kept.get(key), tag)
        if response is None:
            response = view(request, *args, **kwargs)
            keep_when_sent(key, tag, response, without_cookies=True)
        return response

    return wrapper
