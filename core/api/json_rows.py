"""API list pages whose rows PostgreSQL writes as JSON, field for field as the serializer would.

Why: a list answered cold (the first request after a change) built its page's model instances
and serialized them field by field in Python: three to five times what one hand-written query
returning the same JSON costs (make bench). For a JSON answer on PostgreSQL the page is now one
query: each row comes back as its record's JSON text, the total count beside it, and the
response joins those texts without parsing them.

How: each field of the list's serializer is compiled, once per serializer class, language and
set of the queryset's annotations, into an SQL expression whose JSON value is what the field's
``to_representation`` gives:

- columns of text, numbers, booleans, choices and JSON as they are; dates as ISO dates; times in
  UTC as DRF writes them; decimals as strings with the column's scale; an empty translation as
  "" (PortalModelSerializer's rule); files as their absolute URL;
- translated fields (``name``) in the request's language with django-modeltranslation's
  fallbacks (core.json_sql.translated);
- a foreign key as its id; many-to-many ids in the other side's default order (the link rows
  core.api.serializers.attach_many_ids reads); a summary (a nested serializer over a foreign
  key) as an object; a nested list (``many=True`` over a reverse foreign key) as an array, in
  the order and with the filter of the selector's prefetch;
- a record shown as text (``source="*"``) by its model's ``text_sql``, the SQL twin of
  ``__str__``; fields over the queryset's annotations (counts, health) as those annotations;
- anything else (a method field, a property) only where the serializer declares its SQL in
  ``json_sql``: {field name: a callable taking the path prefix and giving an expression}.

A serializer with a field that is none of these is not compiled, and DRF serializes its lists as
before; so it does for other renderers (the browsable API), other databases (SQLite in
``make run``) and with API_LISTS_IN_DATABASE off. tests/api/test_json_rows.py checks that every
list is compiled and gives the JSON DRF gives, in each language and with the edge values.
"""

import json
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.db import connections, models
from django.db.models import Case, Expression, F, OuterRef, Prefetch, QuerySet, Subquery, When
from django.db.models.expressions import RawSQL, Window
from django.db.models.functions import Cast, Coalesce, NullIf, RowNumber
from django.utils import timezone
from modeltranslation.utils import fallbacks_enabled, get_language
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, PrimaryKeyRelatedField, RelatedField
from rest_framework.settings import api_settings

from core import json_sql, prepared_statements
from core.api.serializers import LANGUAGES, PortalModelSerializer, link_rows, translated_fields

Columns = list[tuple[str, Expression]]

# (serializer class, model, annotations, language, fallbacks on, day, host) -> its plan, or None
# when the serializer cannot be compiled. One day's plans at most (plan()).
_PLANS: dict[tuple, "Plan | None"] = {}


class NotCompilable(Exception):
    """A field whose JSON this module cannot write in SQL."""


def _clear_plans(**kwargs) -> None:
    # Plans embed settings (the portal's domain in calendar UIDs, default reminder times).
    _PLANS.clear()


setting_changed.connect(_clear_plans, dispatch_uid="json-rows-plans")


# --- Compiling a serializer's fields ----------------------------------------------------------


class _Compiler:
    def __init__(self, *, request, annotations: dict, prefetches: dict[str, Prefetch]):
        self.request = request
        self.annotations = annotations
        self.prefetches = prefetches

    def columns(self, serializer, model, prefix: str = "") -> Columns:
        declared = getattr(serializer, "json_sql", {})
        # PortalModelSerializer shows an empty translation as "", plain serializers as null.
        portal = isinstance(serializer, PortalModelSerializer)
        translated = set(translated_fields(model))
        blank = translated | {f"{name}_{code}" for name in translated for code in LANGUAGES}
        columns = []
        for name, field in serializer.fields.items():
            if field.write_only:
                continue
            if name in declared:
                expression = declared[name](prefix)
            else:
                expression = self.field(field, model, prefix)
            if portal and name in blank:
                expression = Coalesce(
                    expression, json_sql.text(""), output_field=models.TextField()
                )
            columns.append((name, expression))
        return columns

    def field(self, field, model, prefix: str) -> Expression:
        name = field.field_name
        if isinstance(field, serializers.SerializerMethodField | serializers.HiddenField):
            raise NotCompilable(f"{name}: a {type(field).__name__} without json_sql")
        if field.source == "*":
            if isinstance(field, serializers.BaseSerializer):
                raise NotCompilable(f"{name}: a nested serializer of the record itself")
            return _text_of(model, prefix)
        if isinstance(field, serializers.ListSerializer):
            return self.nested_list(field, model, prefix)
        if isinstance(field, ManyRelatedField):
            return self.many_ids(field, model, prefix)
        path = list(field.source_attrs)
        if not prefix and len(path) == 1 and path[0] in self.annotations:
            annotation = self.annotations[path[0]]
            return self.value(field, annotation.output_field, F(path[0]))
        final = _model_field(model, path)
        if final is None:
            raise NotCompilable(f"{name}: {field.source} is neither a column nor an annotation")
        lookup = prefix + "__".join(path)
        if isinstance(field, serializers.BaseSerializer):
            if not isinstance(final, models.ForeignKey | models.OneToOneField):
                raise NotCompilable(f"{name}: a nested serializer over {field.source}")
            pairs = self.columns(field, final.related_model, lookup + "__")
            return Case(
                When(**{f"{lookup}__isnull": True}, then=None),
                default=json_sql.JSONBuildObject(pairs),
                output_field=models.JSONField(),
            )
        if isinstance(field, RelatedField):
            if type(field) is not PrimaryKeyRelatedField or field.pk_field is not None:
                raise NotCompilable(f"{name}: {type(field).__name__}")
            return F(prefix + "__".join([*path[:-1], final.attname]))
        if final.is_relation:
            raise NotCompilable(f"{name}: a relation shown as {type(field).__name__}")
        owner = final.model
        if final.name in translated_fields(owner):
            # The translated field itself (not a language's column): modeltranslation's value.
            return json_sql.translated(owner, final.name, prefix + "__".join([*path[:-1], ""]))
        return self.value(field, final, F(lookup))

    def value(self, field, model_field, column) -> Expression:
        name = field.field_name
        if isinstance(field, serializers.DateTimeField):
            if getattr(field, "format", api_settings.DATETIME_FORMAT) != "iso-8601":
                raise NotCompilable(f"{name}: a time format other than ISO 8601")
            return json_sql.utc_timestamp(column)
        if isinstance(field, serializers.TimeField):
            if getattr(field, "format", api_settings.TIME_FORMAT) != "iso-8601":
                raise NotCompilable(f"{name}: a time format other than ISO 8601")
            return json_sql.time_of_day(column)
        if isinstance(field, serializers.DecimalField):
            same_scale = getattr(model_field, "decimal_places", None) == field.decimal_places
            as_string = getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
            if not as_string or field.localize or field.normalize_output or not same_scale:
                raise NotCompilable(f"{name}: a decimal not written as it is stored")
            return Cast(column, models.TextField())
        if isinstance(field, serializers.FileField):
            if not getattr(field, "use_url", api_settings.UPLOADED_FILES_USE_URL):
                raise NotCompilable(f"{name}: a file shown by its name")
            storage, sample = model_field.storage, "images/2026/0a1b2c.png"
            base = storage.url("")
            if storage.url(sample) != base + sample:
                raise NotCompilable(f"{name}: file URLs that are not the name after a base")
            # core.uploads names files <folder>/<year>/<hex><extension>: nothing to quote, so a
            # file's URL is the base URL and its name, as the storage would write it.
            return json_sql.concat(
                json_sql.text(self.request.build_absolute_uri(base)),
                NullIf(column, json_sql.text("")),
            )
        if isinstance(field, serializers.FloatField | serializers.DurationField):
            # Python and PostgreSQL write some of these differently (5.0 and 5).
            raise NotCompilable(f"{name}: {type(field).__name__}")
        if isinstance(field, serializers.BigIntegerField) and getattr(
            field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING
        ):
            raise NotCompilable(f"{name}: a big integer written as a string")
        if isinstance(field, serializers.JSONField) and field.binary:
            raise NotCompilable(f"{name}: JSON written as a string")
        if isinstance(field, serializers.CharField) and not isinstance(
            model_field, models.CharField | models.TextField
        ):
            raise NotCompilable(f"{name}: text of a {type(model_field).__name__}")
        if isinstance(
            field,
            serializers.CharField
            | serializers.IntegerField
            | serializers.BooleanField
            | serializers.ChoiceField
            | serializers.DateField
            | serializers.JSONField
            | serializers.ListField,
        ):
            return column
        raise NotCompilable(f"{name}: {type(field).__name__}")

    def many_ids(self, field, model, prefix: str) -> Expression:
        child = field.child_relation
        if prefix or type(child) is not PrimaryKeyRelatedField or child.pk_field is not None:
            raise NotCompilable(f"{field.field_name}: many related {type(child).__name__}")
        many = _model_field(model, list(field.source_attrs))
        if not isinstance(many, models.ManyToManyField):
            raise NotCompilable(f"{field.field_name}: {field.source} is not many-to-many")
        rows, own, other = link_rows(many)
        return ArraySubquery(rows.filter(**{own: OuterRef("pk")}).values(other))

    def nested_list(self, field, model, prefix: str) -> Expression:
        name = field.field_name
        if prefix:
            raise NotCompilable(f"{name}: a list inside a nested record")
        try:
            relation = model._meta.get_field(field.source)
        except models.FieldDoesNotExist as error:
            raise NotCompilable(f"{name}: {field.source} is not a relation") from error
        if not relation.one_to_many or relation.concrete:
            raise NotCompilable(f"{name}: {field.source} is not a reverse foreign key")
        related = relation.related_model
        prefetch = self.prefetches.get(field.source)
        queryset = (
            prefetch.queryset
            if prefetch is not None and prefetch.queryset is not None
            else related._default_manager.all()
        )
        ordering = [*queryset.query.order_by] or list(related._meta.ordering) or ["pk"]
        columns = _Compiler(request=self.request, annotations={}, prefetches={}).columns(
            field.child, related
        )
        rows = (
            _plain(queryset)
            .filter(**{relation.field.name: OuterRef("pk")})
            .order_by()
            .values(
                json_order=Window(RowNumber(), order_by=_ordering(ordering)),
                **{f"json_{index}": expression for index, (_key, expression) in enumerate(columns)},
            )
        )
        pairs = ", ".join(f"'{key}'::text, q.json_{i}" for i, (key, _e) in enumerate(columns))
        return Subquery(
            rows,
            template=(
                f"(SELECT COALESCE(json_agg(json_build_object({pairs}) ORDER BY q.json_order), "
                "'[]'::json) FROM (%(subquery)s) q)"
            ),
            output_field=models.JSONField(),
        )


def _plain(queryset: QuerySet) -> QuerySet:
    """The queryset without django-modeltranslation's rewriting: its values() would add every
    field and read each translated one in the active language."""
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def _ordering(ordering: list) -> list:
    expressions = []
    for item in ordering:
        if isinstance(item, str):
            column = F(item.lstrip("-"))
            expressions.append(column.desc() if item.startswith("-") else column.asc())
        else:
            expressions.append(item)
    return expressions


def _model_field(model, path: list[str]):
    """The model field a dotted source ends on, following foreign keys; None when it is not a
    concrete field (a property, a method, an annotation) or the path leaves the foreign keys."""
    for index, name in enumerate(path):
        try:
            field = model._meta.get_field(name)
        except models.FieldDoesNotExist:
            return None
        if index == len(path) - 1:
            return field if field.concrete or field.many_to_many else None
        if not isinstance(field, models.ForeignKey | models.OneToOneField):
            return None
        model = field.related_model
    return None


def _text_of(model, prefix: str) -> Expression:
    text_sql = getattr(model, "text_sql", None)
    if text_sql is None:
        raise NotCompilable(f"{model._meta.label} has no text_sql (its __str__ in SQL)")
    return text_sql(prefix)


@dataclass(frozen=True)
class Plan:
    """A serializer compiled for one language (and day, and host): the SQL of its JSON columns
    for the rows whose ids are in ``json_page``, and the JSON key of each column."""

    keys: list[str]
    sql: str
    params: tuple


def _compile(serializer_class, selection: QuerySet, request) -> Plan:
    """Compile the columns over ``selection``, the viewset's selector (its annotations are what
    fields over annotations read), for the rows of the page being read (``json_page``)."""
    prefetches = {
        lookup.prefetch_through: lookup
        for lookup in selection._prefetch_related_lookups
        if isinstance(lookup, Prefetch)
    }
    compiler = _Compiler(
        request=request, annotations=dict(selection.query.annotations), prefetches=prefetches
    )
    columns = compiler.columns(serializer_class(context={"request": request}), selection.model)
    rows = (
        _plain(selection.prefetch_related(None))
        .order_by()
        .filter(pk__in=RawSQL("SELECT json_page.pk FROM json_page", ()))
        .values(
            json_pk=F("pk"),
            **{f"json_{index}": expression for index, (_key, expression) in enumerate(columns)},
        )
    )
    sql, params = rows.query.sql_with_params()
    return Plan(keys=[key for key, _expression in columns], sql=sql, params=tuple(params))


def plan(serializer_class, selection: QuerySet, request) -> Plan | None:
    """The compiled list, or None when the database cannot write it (DRF then serializes it).
    Compiled once per serializer, language, day (annotations such as partnership health read
    the date) and host (file URLs are absolute), then kept."""
    if timezone.get_current_timezone_name() != "UTC":
        return None
    key = (
        serializer_class,
        selection.model,
        frozenset(selection.query.annotations),
        get_language(),
        fallbacks_enabled(),
        timezone.localdate(),
        request.build_absolute_uri("/"),
    )
    if key not in _PLANS:
        if any(kept[5] != key[5] for kept in _PLANS):
            # Plans of past days are not used again: the cache holds one day's at most.
            _PLANS.clear()
        try:
            _PLANS[key] = _compile(serializer_class, selection, request)
        except NotCompilable:
            _PLANS[key] = None
    return _PLANS[key]


def compile_error(serializer_class, selection: QuerySet, request) -> str | None:
    """Why the serializer's lists cannot be written by the database, or None when they can."""
    try:
        _compile(serializer_class, selection, request)
    except NotCompilable as error:
        return str(error)
    return None


# --- Reading a page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    rows: list[str]  # each row's JSON text
    count: int  # rows of the whole list (0 when the page is empty)


def readable(queryset: QuerySet) -> bool:
    """Whether page_statement can read the pages of this queryset (plain, filtered, ordered)."""
    query = queryset.query
    return not (query.distinct or query.combinator or query.is_sliced or query.group_by)


@dataclass(frozen=True)
class Statement:
    """The one statement of a page (``sql`` None: a filter no row can match, no query)."""

    database: str
    sql: str | None
    params: tuple


def page_statement(queryset: QuerySet, plan: Plan, *, number: int, size: int) -> Statement:
    """The statement that reads one page: its rows as JSON texts, in the queryset's order, and
    the list's total.

    The ORM writes only the ids of the page (the queryset's filters, order and slice) and the
    count; the JSON columns are the plan's SQL, compiled once, over the rows with those ids, and
    a projection names them by their JSON keys for row_to_json (json_build_object takes at most
    50 pairs; a list row may have more). The page keeps its order by the row numbers given to
    the ids as the ordered, limited subquery yields them; the count is computed once."""
    start = (number - 1) * size
    queryset = _plain(queryset.prefetch_related(None))
    ids = queryset.values(json_pk=F("pk"))[start : start + size]
    try:
        page_sql, page_params = ids.query.sql_with_params()
        count_sql, count_params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        # A filter that no row can match (an id out of range, say): the ORM writes no query.
        return Statement(database=queryset.db, sql=None, params=())
    connection = connections[queryset.db]
    projection = ", ".join(
        f"q.json_{index} AS {connection.ops.quote_name(key)}" for index, key in enumerate(plan.keys)
    )
    sql = (
        "WITH json_page AS (SELECT p.json_pk AS pk, row_number() OVER () AS n "
        f"FROM ({page_sql}) p) "
        f"SELECT (SELECT row_to_json(x) FROM (SELECT {projection}) x)::text, "
        f"(SELECT count(*) FROM ({count_sql}) c) "
        f"FROM ({plan.sql}) q JOIN json_page ON json_page.pk = q.json_pk ORDER BY json_page.n"
    )
    return Statement(
        database=queryset.db, sql=sql, params=(*page_params, *count_params, *plan.params)
    )


def read(statement: Statement, *, recurring: bool = False) -> Page:
    """The page a statement reads, in one query; prepared on a connection that has read it
    before, or at once when ``recurring`` (core.prepared_statements)."""
    if statement.sql is None:
        return Page(rows=[], count=0)
    found = prepared_statements.fetch_all(
        connections[statement.database], statement.sql, statement.params, recurring=recurring
    )
    return Page(rows=[row for row, _count in found], count=found[0][1] if found else 0)


class RenderedJSON:
    """A response body already written as JSON text (core.api.renderers passes it through)."""

    def __init__(self, text: str):
        self.text = text


def paginated(paginator, request, page: Page, *, number: int, size: int) -> RenderedJSON:
    """The page as DRF's PageNumberPagination answers it: count, next, previous, results, with
    the links its own methods build when there is a page after or before this one."""
    next_link = previous_link = None
    if number * size < page.count or number > 1:
        paginator.request = request
        paginator.page = DjangoPage(page.rows, number, Paginator(range(page.count), size))
        next_link, previous_link = paginator.get_next_link(), paginator.get_previous_link()
    return RenderedJSON(
        f'{{"count":{page.count},"next":{_json_text(next_link)},'
        f'"previous":{_json_text(previous_link)},"results":[{",".join(page.rows)}]}}'
    )


def _json_text(link: str | None) -> str:
    return "null" if link is None else json.dumps(link, ensure_ascii=False)
