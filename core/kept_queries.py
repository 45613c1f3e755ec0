"""The SQL of public list pages (their count and their page of rows), compiled by the ORM once
per process for each page asked for, then run as it is.

Why: the ORM building and compiling a list page's two queries was a quarter of the page: about
2 ms of the municipality directory's 8, 3 ms of the partner search's 9 (make bench). What it
makes depends only on the request (its filters and page, the language, the day), never on the
data, so the SQL is kept as a prepared statement keeps its plan (core.api.kept_statements does
the same for the API's lists). The rows are read anew at every request, prepared on the
connection (core.prepared_statements); a change to the data does not touch the SQL.

What a page's SQL depends on is in its key (``key_of``): the view, the request's path and query
string, whether its filters were valid (a filter naming a record looks it up), the language and
its fallbacks, the time zone and the day. A query that reads the clock more finely than the day
(``timezone.now()``), or that depends on who asks, must not be kept under such a key. Each
process keeps the ``KEPT`` queries used last.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.db import connections
from django.db.models.query import ValuesIterable
from django.utils import timezone
from django.utils.functional import cached_property
from modeltranslation.utils import fallbacks_enabled, get_language

from core import prepared_statements
from core.lru import LeastRecentlyUsed

KEPT = 500


@dataclass(frozen=True)
class _Query:
    alias: str
    sql: str
    params: tuple
    # A page of rows: the names of its columns, how each is read (the ORM's converters by
    # position), and how many columns are the rows' (the ORM may add some to order by).
    names: tuple[str, ...] = ()
    converters: tuple = ()
    width: int | None = None


_kept = LeastRecentlyUsed(KEPT)


def _forget_all(**kwargs) -> None:
    _kept.clear()


setting_changed.connect(_forget_all, dispatch_uid="kept-queries")


def key_of(request, *parts) -> tuple:
    """The key of what a list page's queries depend on, with the view's own ``parts`` (such as
    whether its filters are valid)."""
    return (
        request.resolver_match.view_name if request.resolver_match else request.path,
        request.get_full_path(),
        *parts,
        get_language(),
        fallbacks_enabled(),
        timezone.get_current_timezone_name(),
        timezone.localdate(),
    )


@contextmanager
def queries_run(connection):
    """The queries run on ``connection`` inside the block (SQL and parameters), as a list that
    fills."""
    run: list[tuple[str, tuple]] = []

    def noted(execute, sql, params, many, context):
        run.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(noted):
        yield run


def count(key: tuple, queryset) -> int:
    """``queryset.count()``, the SQL of the count kept under ``key``."""
    query = _kept.get(("count", *key))
    if query is not None:
        connection = connections[query.alias]
        return prepared_statements.fetch_all(connection, query.sql, query.params)[0][0]
    with queries_run(connections[queryset.db]) as run:
        number = queryset.count()
    if len(run) == 1:  # none when the ORM knew the answer (an empty filter) without asking
        _kept.put(("count", *key), _Query(queryset.db, *run[0]))
    return number


def values(key: tuple | None, build) -> list[dict]:
    """The rows of the values() queryset that ``build()`` makes, as ``list(build())`` gives
    them, the queryset built and compiled only when its SQL is not kept under ``key`` (never
    kept without a key)."""
    if key is None:
        return list(build())
    query = _kept.get(("values", *key))
    if query is None:
        queryset = build()
        query = _compiled(queryset)
        if query is None:
            return list(queryset)
        _kept.put(("values", *key), query)
    connection = connections[query.alias]
    rows = prepared_statements.fetch_all(connection, query.sql, query.params, recurring=True)
    if query.width is not None:
        rows = [row[: query.width] for row in rows]
    if query.converters:
        rows = _converted(rows, query.converters, connection)
    names = query.names
    return [dict(zip(names, row, strict=True)) for row in rows]


def _compiled(queryset) -> _Query | None:
    """The SQL, column names and converters of a values() queryset as Django's ValuesIterable
    and SQLCompiler.results_iter work them out; None when the ORM would run no query."""
    if queryset._iterable_class is not ValuesIterable or queryset._result_cache is not None:
        return None
    query = queryset.query
    compiler = query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # the ORM answers without the database
        return None
    if not sql:
        return None
    if query.selected:
        names = list(query.selected)
    else:
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
    fields = [select[0] for select in compiler.select[0 : compiler.col_count]]
    converters = compiler.get_converters(fields)
    return _Query(
        alias=queryset.db,
        sql=sql,
        params=tuple(params),
        names=tuple(names),
        converters=tuple(converters.items()),
        width=compiler.col_count if compiler.has_extra_select else None,
    )


def _converted(rows, converters, connection) -> list[tuple]:
    """SQLCompiler.apply_converters: each column's value through its converters."""
    converted = []
    for row in rows:
        row = list(row)
        for position, (functions, expression) in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        converted.append(tuple(row))
    return converted


class KeptPaginator(Paginator):
    """Django's paginator, counting with the SQL kept under ``key``."""

    def __init__(self, object_list, per_page, *, key: tuple, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.key = key

    @cached_property
    def count(self) -> int:
        return count(self.key, self.object_list)

    def rows_key(self, page) -> tuple:
        """The key of the SQL of a page's rows: with the rows it spans, not only its number,
        for they move with the count (a last page takes the rows past it, up to ``orphans``,
        and a page past the end is the last page)."""
        query = page.object_list.query
        return (*self.key, query.low_mark, query.high_mark)


def page(request, queryset, per_page: int, filters=None):
    """The requested page (``?page=``) of a public list, its count's SQL kept for the same
    request. ``filters``: the list's form or filterset, whose validity decides the SQL as much
    as the query string does."""
    valid = filters is not None and filters.is_bound and filters.is_valid()
    paginator = KeptPaginator(queryset, per_page, key=key_of(request, valid))
    return paginator.get_page(request.GET.get("page"))
