"""Query expressions shared by the apps' selectors.

Counts and latest dates of related rows are correlated subqueries rather than JOIN + GROUP BY:
PostgreSQL then computes them only for the rows a page returns (after ORDER BY ... LIMIT), and
counting the page's total stays a plain COUNT over the filtered table. Names of related rows
that a list only shows are an array the same way (``names_of``), not model instances fetched
by prefetch_related.
"""

import functools
import json

from django.core.signals import setting_changed
from django.db.models import Count, Field, IntegerField, Max, Min, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from modeltranslation.utils import fallbacks_enabled, get_language

from core.json_sql import translated


def _grouped(queryset: QuerySet) -> QuerySet:
    # No ordering: a model's default ordering would join the GROUP BY and give many rows.
    return queryset.order_by().annotate(_group=Value(1)).values("_group")


def count_of(queryset: QuerySet) -> Coalesce:
    """The number of rows of a correlated queryset (one that uses OuterRef), 0 when none."""
    counted = _grouped(queryset).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def latest_of(queryset: QuerySet, expression, output_field: Field, default) -> Coalesce:
    """The largest ``expression`` over a correlated queryset, ``default`` when it is empty."""
    latest = _grouped(queryset).annotate(latest=Max(expression)).values("latest")
    return Coalesce(Subquery(latest, output_field=output_field), Value(default))


def earliest_of(
    queryset: QuerySet, expression, output_field: Field, default, *, among: Q | None = None
) -> Coalesce:
    """The smallest ``expression`` over the rows of a queryset that match ``among`` (all when
    None), ``default`` when there is none."""
    earliest = (
        _grouped(queryset).annotate(earliest=Min(expression, filter=among)).values("earliest")
    )
    return Coalesce(Subquery(earliest, output_field=output_field), Value(default))


class _Names(Field):
    """A list of strings as the database gives it: an array on PostgreSQL, JSON on SQLite."""

    def from_db_value(self, value, expression, connection):
        return json.loads(value) if isinstance(value, str) else value


class _NamesSubquery(Subquery):
    template = "ARRAY(%(subquery)s)"

    def as_sqlite(self, compiler, connection, **extra_context):
        # make run: SQLite has no arrays; json_group_array keeps the subquery's order.
        template = "(SELECT json_group_array(_name) FROM (%(subquery)s))"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def names_of(queryset: QuerySet, field: str = "name", *, through: str = "") -> Subquery:
    """The translated ``field`` of a correlated queryset's rows, in its order, as a list of
    strings in the active language with modeltranslation's fallbacks; ``through`` is the path
    from the queryset's model to the named one ("municipality__")."""
    model = queryset.model
    for part in filter(None, through.split("__")):
        model = model._meta.get_field(part).related_model
    named = queryset.annotate(_name=translated(model, field, through)).values("_name")
    return _NamesSubquery(named, output_field=_Names())


_built: list[dict] = []


def built_once(selector):
    """A selector without arguments whose queryset is built once per language and then copied
    for each call (``.all()``, a clone; filters, ordering and slicing apply to the copy).

    Building a page's queryset (only(), the translated names and counts as subqueries) took
    0.4–0.9 ms of Python, as much as its query, for a result that depends only on the language
    it names rows in (make bench). For selectors whose queryset depends on nothing else: not the
    day, the user or the settings (settings changes forget what was built)."""
    built: dict = {}
    _built.append(built)

    @functools.wraps(selector)
    def copied():
        key = (get_language(), fallbacks_enabled())
        queryset = built.get(key)
        if queryset is None:
            queryset = built[key] = selector()
        return queryset.all()

    return copied


def built_per_language(builder):
    """A function without arguments that builds query expressions depending only on the
    language (translated names, subqueries), built once per language and then given as they
    are: a queryset that uses an expression resolves a copy of it, never the one given.

    Building the columns of a list page's rows (``translated`` names, counts, name arrays) was
    0.5 ms of Python per request, as much as running their query (make bench). The same
    conditions as ``built_once``: nothing else (the day, the user, the settings) may go in."""
    built: dict = {}
    _built.append(built)

    @functools.wraps(builder)
    def kept():
        key = (get_language(), fallbacks_enabled())
        if key not in built:
            built[key] = builder()
        return built[key]

    return kept


def _forget_built(**kwargs) -> None:
    for built in _built:
        built.clear()


setting_changed.connect(_forget_built, dispatch_uid="built-once-querysets")
