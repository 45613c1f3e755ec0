"""SQL expressions that PostgreSQL turns into the JSON values the API writes.

Building blocks of core.api.json_rows (API list pages written by the database) kept apart from
it so that models can state their ``__str__`` as SQL beside it (``text_sql``) without importing
the API. Every expression here is a Django expression: it is resolved against a queryset like
``F()``, so joins and table aliases are the ORM's.
"""

import re

from django.db.models import (
    Expression,
    F,
    Func,
    JSONField,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from modeltranslation.fields import NONE
from modeltranslation.utils import (
    build_localized_fieldname,
    fallbacks_enabled,
    get_language,
    resolution_order,
)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Template(Expression):
    """SQL written by hand around named expressions: ``Template("lower({name})", name=F(...))``.

    Each ``{name}`` is replaced by its expression's SQL, and the parameters follow in the order
    the names appear; a name may appear only once (its parameters would otherwise be needed
    twice). Literal percent signs are written ``%%``, as in any SQL Django sends."""

    def __init__(self, sql: str, *, output_field=None, **expressions):
        names = _PLACEHOLDER.findall(sql)
        if len(names) != len(set(names)) or set(names) != set(expressions):
            raise ValueError(f"Each expression must appear exactly once in {sql!r}")
        super().__init__(output_field=output_field or TextField())
        self.sql = sql
        self.names = names
        self.expressions = [expressions[name] for name in names]

    def get_source_expressions(self):
        return self.expressions

    def set_source_expressions(self, expressions):
        self.expressions = list(expressions)

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        copy = self.copy()
        copy.is_summary = summarize
        copy.expressions = [
            expression.resolve_expression(query, allow_joins, reuse, summarize, for_save)
            for expression in self.expressions
        ]
        return copy

    def as_sql(self, compiler, connection):
        compiled = {}
        params = []
        for name, expression in zip(self.names, self.expressions, strict=True):
            sql, expression_params = compiler.compile(expression)
            compiled[name] = sql
            params.extend(expression_params)
        return _PLACEHOLDER.sub(lambda match: compiled[match.group(1)], self.sql), params


def text(value: str) -> Cast:
    """A string parameter typed as text (an untyped literal is ambiguous to JSON functions)."""
    return Cast(Value(value), TextField())


class JSONBuildObject(Func):
    """``json_build_object(key, value, ...)``: keys in the order given (JSONB would sort them).
    At most 50 pairs, PostgreSQL's limit of 100 arguments."""

    function = "json_build_object"
    output_field = JSONField()

    def __init__(self, pairs: list[tuple[str, Expression]]):
        if len(pairs) > 50:
            raise ValueError("json_build_object takes at most 50 pairs")
        arguments = []
        for key, value in pairs:
            arguments.extend((text(key), value))
        super().__init__(*arguments)


def utc_timestamp(expression) -> Template:
    """A time as DRF's DateTimeField writes it in UTC: ``2026-12-02T04:05:06.123456Z``, without
    the fraction when it is zero (``datetime.isoformat``); null stays null."""
    return Template(
        "replace(to_char({value} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || 'Z', "
        "'.000000Z', 'Z')",
        value=expression,
    )


def time_of_day(expression) -> Template:
    """A time of day as DRF's TimeField writes it (``time.isoformat``: ``14:30:00``, with six
    digits of fraction when there is one); null stays null."""
    return Template(
        "replace(to_char({value}::interval, 'HH24:MI:SS.US'), '.000000', '')", value=expression
    )


def translated(model, name: str, prefix: str = "") -> Expression:
    """The translated field ``name`` of ``model`` as django-modeltranslation reads it in the
    active language: that language's column, else each fallback language's in turn (a column
    counts when it is neither null nor the field's "undefined" value, by default its default),
    else the fallback value or the default. ``prefix`` is the path to the model (``"region__"``).
    """
    descriptor = getattr(model, name)
    field = descriptor.field
    undefined = descriptor.fallback_undefined
    default = field.get_default()
    if undefined is NONE:
        undefined = default
    columns = []
    for language in resolution_order(get_language(), descriptor.fallback_languages):
        column = F(prefix + build_localized_fieldname(name, language))
        columns.append(column if undefined is None else NullIf(column, text(undefined)))
    if fallbacks_enabled() and descriptor.fallback_value is not NONE:
        last = descriptor.fallback_value
    else:
        last = default
    if last is not None:
        columns.append(text(last))
    return Coalesce(*columns, output_field=TextField()) if len(columns) > 1 else columns[0]


def concat(*parts) -> Template:
    """Strings joined with ``||`` (null if any part is null, unlike CONCAT)."""
    names = {f"part{index}": part for index, part in enumerate(parts)}
    return Template("(" + " || ".join(f"{{{name}}}" for name in names) + ")", **names)
