"""Rendered responses kept in the shared cache (Redis) under everything they depend on.

API lists: a list's ETag already names all that its body depends on (the URL, the language, who
asks, the version stamps of the tables it shows and the day), so two requests with the same ETag
get the same bytes. The first request's JSON is kept under that ETag (with the host and media
type, which the links and encoding depend on) and later ones are answered from the cache without
a query, a serializer or a renderer. Any change to a shown table renews its stamp, hence the ETag
and the key: an entry can be orphaned, never served stale.

Public pages: pages an anonymous visitor without a session sees are the same for every such
visitor, so they are kept under the URL, the language, the portal's version (renewed by any
change to a portal table) and the day. Signed-in staff and visitors who carry a session cookie
always get a fresh page, and a response that sets a cookie is never kept.

Entries expire after RESPONSE_CACHE_SECONDS (0 turns the cache off); bodies larger than
RESPONSE_CACHE_MAX_BYTES are not kept.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

from core import versioning

PREFIX = "response:"


def _key(*parts) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return PREFIX + digest


def _enabled() -> bool:
    return settings.RESPONSE_CACHE_SECONDS > 0


def cached_response(key: str) -> HttpResponse | None:
    entry = cache.get(key)
    if entry is None:
        return None
    content_type, body = entry
    return HttpResponse(body, content_type=content_type)


def keep_when_rendered(key: str, response) -> None:
    """Store the response's bytes once it is rendered, if it is a full 200 answer."""

    def store(rendered):
        small = len(rendered.content) <= settings.RESPONSE_CACHE_MAX_BYTES
        if rendered.status_code == 200 and small:
            entry = (rendered["Content-Type"], rendered.content)
            cache.set(key, entry, timeout=settings.RESPONSE_CACHE_SECONDS)

    if hasattr(response, "add_post_render_callback"):
        response.add_post_render_callback(store)
    else:
        store(response)


# --- API lists --------------------------------------------------------------------------------


def api_list_key(request, etag: str) -> str | None:
    """The key of a list answer with this ETag, or None when it is not kept (cache off, or a
    representation other than JSON, such as the browsable API)."""
    renderer = getattr(request, "accepted_renderer", None)
    if not _enabled() or renderer is None or renderer.format != "json":
        return None
    return _key("api", etag, request.build_absolute_uri(), request.accepted_media_type)


# --- Public pages -----------------------------------------------------------------------------


def _shared_page(request) -> bool:
    """True when the page is the same for everyone who would ask it this way."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def public_page(view):
    """Keep the view's page for anonymous visitors until the portal's data or the day changes."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _enabled() or not _shared_page(request):
            return view(request, *args, **kwargs)
        version = versioning.portal_version()
        if version is None:
            return view(request, *args, **kwargs)
        key = _key(
            "page",
            request.build_absolute_uri(),
            translation.get_language(),
            version,
            timezone.localdate(),
        )
        response = cached_response(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if not response.cookies:
                keep_when_rendered(key, response)
        return response

    return wrapper
