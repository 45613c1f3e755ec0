"""Query expressions shared by the apps' selectors.

Counts and latest dates of related rows are correlated subqueries rather than JOIN + GROUP BY:
PostgreSQL then computes them only for the rows a page returns (after ORDER BY ... LIMIT), and
counting the page's total stays a plain COUNT over the filtered table.
"""

from django.db.models import Count, Field, IntegerField, Max, Min, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


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
