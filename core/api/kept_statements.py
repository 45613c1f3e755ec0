"""API list pages' statements, kept by each process for the requests that asked for them.

Why: a list page answered cold is one query (core.api.json_rows), but before it the portal made
the filterset, validated the query string, applied the filters and had the ORM compile the
statement: 0.6 ms for the sectors, 1 ms for the regions, 2 ms for the municipalities of a
country, as much as the query itself for the small lists (make bench). What that work gives
depends only on the request, never on the data, so a process keeps it: the next request for the
same page (the same path and query string, language, scope, day and host) runs the kept
statement at once. The data is read anew every time; only its SQL is kept, as a prepared
statement keeps its plan (core.prepared_statements), and a change to the data does not touch it.

A statement is kept only when making it ran no query: filters that look rows up to validate the
query string (a ModelChoiceFilter checks that the id exists) give statements that depend on the
data, so they are made anew for every request. Invalid query strings are never kept (they
raise). Each process keeps the ``KEPT`` statements used last; one is 1–10 kilobytes.

What a statement depends on is in ``key_of``: a filter or selector that reads the clock more
finely than the day (``timezone.now()``) would be kept with a stale time, and must not be added
to an API list without adding the time to the key.
"""

from django.core.signals import setting_changed
from django.utils import timezone
from modeltranslation.utils import fallbacks_enabled, get_language

from core.api.json_rows import Statement
from core.lru import LeastRecentlyUsed

KEPT = 500

_statements = LeastRecentlyUsed(KEPT)


def _forget_all(**kwargs) -> None:
    # Statements embed settings (page sizes, the plans' domain and defaults).
    _statements.clear()


setting_changed.connect(_forget_all, dispatch_uid="kept-statements")


def key_of(view, url: str, scope: str) -> tuple:
    """What a list page's statement depends on: the view, the request's absolute URL (the
    host too: file URLs are absolute), who asks (their scope), the language and its fallbacks,
    and the time zone and day (filters and annotations read the date)."""
    return (
        type(view),
        url,
        scope,
        get_language(),
        fallbacks_enabled(),
        timezone.get_current_timezone_name(),
        timezone.localdate(),
    )


def kept(key: tuple) -> Statement | None:
    return _statements.get(key)


def keep(key: tuple, statement: Statement) -> None:
    _statements.put(key, statement)
