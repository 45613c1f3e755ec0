"""Figures over time for the public statistics and memorandum pages (a fixed number of
aggregate queries, whatever the amount of data)."""

from collections import defaultdict

from django.apps import apps
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, ExtractYear

from core import versioning

from .models import Memorandum, Partnership, Project

TABLES = [
    "partnerships.Partnership",
    "partnerships.Project",
    "events.Event",
    "exchanges.Exchange",
    "events.Participant",
    "partnerships.ProjectParticipation",
]


def goal_implementation(memorandum: Memorandum) -> dict:
    """Per goal and kind of activity of the memorandum: all-time totals of the goals report."""
    from exchanges.reports import ALL_COUNTRIES, goals_report

    report = goals_report()
    totals: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
    for row in report.rows:
        if row.country != ALL_COUNTRIES:
            continue
        for measure in ("projects", "events", "exchanges", "participants", "partnerships"):
            totals[row.dimension, row.number][measure] += getattr(row, measure)

    def entries(clauses, dimension):
        return [
            {"clause": clause, **totals.get((dimension, clause.number), {})} for clause in clauses
        ]

    goals = entries(memorandum.goals.order_by("number"), "goal")
    activity_types = entries(memorandum.activity_types.order_by("number"), "activity")
    chart = {
        "labels": [entry["clause"].number for entry in goals],
        "projects": [entry.get("projects", 0) for entry in goals],
        "events": [entry.get("events", 0) for entry in goals],
        "exchanges": [entry.get("exchanges", 0) for entry in goals],
    }
    return {"goals": goals, "activity_types": activity_types, "chart": chart}


def yearly_series() -> dict:
    """Partnerships signed, projects started, public events held and exchanges per year."""
    return versioning.cached("yearly-series", TABLES, _count_yearly_series)


def _per_year(queryset, date_field: str, value=None) -> dict[int, int]:
    rows = (
        queryset.exclude(**{f"{date_field}__isnull": True})
        .annotate(year=ExtractYear(date_field))
        .values("year")
        .annotate(n=value or Count("pk"))
        .order_by("year")
    )
    return {row["year"]: row["n"] or 0 for row in rows}


def _count_yearly_series() -> dict:
    Event = apps.get_model("events", "Event")
    Exchange = apps.get_model("exchanges", "Exchange")
    series = {
        "partnerships": _per_year(Partnership.objects.all(), "signed_on"),
        "projects": _per_year(Project.objects.public(), "starts_on"),
        "events": _per_year(Event.objects.public().exclude(status="cancelled"), "starts_at"),
        "exchanges": _per_year(Exchange.objects.public(), "starts_on"),
        "exchange_participants": _per_year(
            Exchange.objects.public(), "starts_on", Coalesce(Sum("participants_count"), 0)
        ),
    }
    years = sorted({year for values in series.values() for year in values})
    return {
        "years": years,
        **{name: [values.get(year, 0) for year in years] for name, values in series.items()},
    }
