"""What a web process loads before it answers its first request (memorandum_portal/wsgi.py).

Why: Django loads the URL configuration (and with it every view, serializer and filterset
module), each language's catalog and URL reversal table and every template on first use, so a
gunicorn worker's first request to a page took 20-100 ms more than the next ones (make bench:
/ru/municipalities/ 96 ms, then 8 ms; the first API list of a process 290 ms). Every worker paid
it again, after each start and each recycling (``--max-requests``). A worker now pays it
before it accepts a connection.

Nothing here reads the database or the cache, so a process starts as before when they are
down; anything that fails is logged and left to load on first use. What is loaded is then
frozen out of the garbage collector's scans (``gc.freeze``). A worker takes about 0.3 s more
to start.
"""

import contextlib
import gc
import logging
from pathlib import Path

from django.conf import settings
from django.forms.renderers import get_default_renderer
from django.template.loader import get_template
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation

logger = logging.getLogger(__name__)

# Django's widget templates that the public filter forms render (their selects are written in
# Python: core.form_rendering).
FORM_TEMPLATES = (
    "django/forms/widgets/input.html",
    "django/forms/widgets/text.html",
    "django/forms/widgets/checkbox.html",
    "django/forms/widgets/attrs.html",
    "django/forms/widgets/date.html",
)


def warm_up() -> None:
    try:
        resolver = get_resolver()
        resolver.url_patterns  # noqa: B018 (imports every URL module, hence every view)
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                _reversal_tables(resolver.url_patterns)
        renderer = get_default_renderer()
        for name in FORM_TEMPLATES:
            renderer.get_template(name)
    except Exception:
        logger.warning("Warm-up: URLs, catalogs or form templates left to first use", exc_info=True)
    for name in portal_templates():
        try:
            get_template(name)
        except Exception:
            logger.warning("Warm-up: template %s left to first use", name, exc_info=True)
    # What is loaded now lives as long as the process: left out of the garbage collector's
    # scans, which otherwise walk it all again (a first request spent 60 ms in one).
    gc.collect()
    gc.freeze()


def _reversal_tables(patterns, namespace: str = "") -> None:
    """Reverse each URL without arguments in the active language: that builds the reversal
    tables of the URLconf and of each namespace, which Django builds on the first ``reverse``
    of each language."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
            _reversal_tables(pattern.url_patterns, inner.lstrip(":"))
        elif pattern.name and not pattern.pattern.regex.groups:
            with contextlib.suppress(NoReverseMatch):
                reverse(f"{namespace}:{pattern.name}" if namespace else pattern.name)


def portal_templates() -> list[str]:
    """The names of the templates in the project's template directories."""
    names = []
    for engine in settings.TEMPLATES:
        for directory in map(Path, engine.get("DIRS", [])):
            names += [
                path.relative_to(directory).as_posix()
                for path in sorted(directory.rglob("*"))
                if path.suffix in (".html", ".txt")
            ]
    return names
