"""Version stamps of the registry's tables, shared by every process through the cache (Redis).

Any save or delete of a portal model bumps its table's stamp (a nanosecond time). API lists
build their ETag and Last-Modified from the stamps of the tables they show, so a conditional GET
costs one cache round trip instead of a query, and it changes whenever anything the response
shows may have changed, including a related row shown in a summary. A stamp the cache has lost
is replaced by a new one: that can only cause a cache miss, never a stale 304.
"""

import time

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

PORTAL_APPS = ("partnerships", "events", "exchanges")
_PREFIX = "table-version:"
# A pseudo-table renewed with every table's stamp: the version of everything the pages show.
_PORTAL = "portal"


def _key(label: str) -> str:
    return f"{_PREFIX}{label.lower()}"


def bump(label: str) -> None:
    now = time.time_ns()
    cache.set_many({_key(label): now, _key(_PORTAL): now}, timeout=None)


def stamps(labels: list[str]) -> dict[str, int] | None:
    """Current stamps of the tables; None when the cache cannot be reached."""
    return stamps_and(labels, [])[0]


def keys_of(labels: list[str]) -> list[str]:
    """The cache keys of the tables' stamps."""
    return [_key(label) for label in labels]


def stamps_and(
    labels: list[str], others: list[str], *, read: dict | None = None
) -> tuple[dict[str, int] | None, dict]:
    """The tables' stamps (as ``stamps``) and the cache's values of the ``others`` keys, read in
    one round trip: a kept response is looked up with the stamps it must match. ``read``: the
    values of those keys (``keys_of(labels)`` and ``others``) as another round trip has already
    read them (an API request's throttle, core.api.throttling)."""
    keys = {_key(label): label for label in labels}
    if read is not None:
        found = dict(read)
    else:
        try:
            # A copy: django-redis answers a failed get_many with one shared empty dict.
            found = dict(cache.get_many([*keys, *others]))
        except Exception:  # pragma: no cover - cache backends that do not swallow errors
            return None, {}
    kept = {key: found.pop(key) for key in others if key in found}
    missing = [key for key in keys if key not in found]
    if missing:
        now = time.time_ns()
        fresh = dict.fromkeys(missing, now)
        cache.set_many(fresh, timeout=None)
        found.update(fresh)
        if not cache.get(missing[0]):
            # The cache is down (its errors are ignored): nothing reliable to build on.
            return None, {}
    return {keys[key]: value for key, value in found.items() if key in keys}, kept


def portal_version() -> int | None:
    """The stamp of the latest change to any portal table; None when the cache is down."""
    return portal_version_and([])[0]


def portal_version_and(others: list[str]) -> tuple[int | None, dict]:
    """portal_version() and the values of the ``others`` keys, in one read (``stamps_and``)."""
    current, kept = stamps_and([_PORTAL], others)
    return (current[_PORTAL] if current else None), kept


def _on_change(sender, **kwargs) -> None:
    bump(sender._meta.label)


def _on_m2m_change(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_"):
        bump(type(instance)._meta.label)


def connect_signals() -> None:
    for app_label in PORTAL_APPS:
        for model in apps.get_app_config(app_label).get_models():
            dispatch = f"versioning-{model._meta.label}"
            post_save.connect(_on_change, sender=model, dispatch_uid=dispatch + "-save")
            post_delete.connect(_on_change, sender=model, dispatch_uid=dispatch + "-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="versioning-m2m")


def cached(prefix: str, labels: list[str], compute, timeout: int = 24 * 3600):
    """compute(), kept in the shared cache until one of the tables changes.

    The value is kept under ``prefix`` tagged with the tables' stamps and read in the same round
    trip as the stamps: it is used only if its tag is still theirs, else computed and kept anew.
    Without a cache it is computed each time."""
    key = f"cached:{prefix}"
    current, kept = stamps_and(labels, [key])
    if current is None:
        return compute()
    tag = tuple(current[label] for label in labels)
    entry = kept.get(key)
    if entry is not None and entry[0] == tag:
        return entry[1]
    value = compute()
    cache.set(key, (tag, value), timeout=timeout)
    return value
