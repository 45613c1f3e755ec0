"""Links to records' pages without a URL reversal for every row.

``reverse()`` walks the URL resolver on each call (about 15 µs with the language prefix); a list
page links 50 to 100 records, and one of them was a tenth of rendering a page. ``record_url``
reverses a view once per language, script prefix and URLconf with a stand-in id, and puts each
record's id into that. For views whose one argument is an integer ``pk``; anything else is
reversed as usual.
"""

import functools

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, override

_STAND_IN = "987654321"


@functools.lru_cache(maxsize=512)
def _halves(viewname: str, language: str | None, prefix: str, urlconf) -> tuple[str, str] | None:
    url = reverse(viewname, kwargs={"pk": int(_STAND_IN)}, urlconf=urlconf)
    head, found, tail = url.partition(_STAND_IN)
    if not found or _STAND_IN in tail:
        return None
    return head, tail


def record_url(viewname: str, pk) -> str:
    """``reverse(viewname, kwargs={"pk": pk})``, the same string, from a kept pattern."""
    if not isinstance(pk, int):
        return reverse(viewname, kwargs={"pk": pk})
    halves = _halves(viewname, get_language(), get_script_prefix(), get_urlconf())
    if halves is None:
        return reverse(viewname, kwargs={"pk": pk})
    return f"{halves[0]}{pk}{halves[1]}"


@functools.lru_cache(maxsize=512)
def _reversed(viewname: str, language: str | None, prefix: str, urlconf) -> str:
    return reverse(viewname, urlconf=urlconf)


def page_url(viewname: str) -> str:
    """``reverse(viewname)`` of a view without arguments (a list page, the home page), reversed
    once per language, script prefix and URLconf: the site's menu links nine of them on every
    page (about 30 µs a reversal)."""
    return _reversed(viewname, get_language(), get_script_prefix(), get_urlconf())


def in_language(match, language: str) -> str | None:
    """The path of the resolved view ``match`` (``request.resolver_match``) in ``language``,
    as ``translate_url`` gives it but without resolving the path again; None when it cannot be
    reversed."""
    if match.url_name is None:
        return None
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(language):
        try:
            if not match.args and not match.kwargs:
                return page_url(name)
            if not match.args and set(match.kwargs) == {"pk"}:
                return record_url(name, match.kwargs["pk"])
            return reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return None
