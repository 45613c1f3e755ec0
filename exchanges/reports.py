"""The goals report: how the memorandum's goals and kinds of activity are pursued, per year and
per country, for the parties' periodic meetings.

Definitions (the report page repeats them in a short note):

- Tables. One for the memorandum's goals (``partnerships.Goal``, 2.1–2.7) and one for its kinds
  of activity (``partnerships.ActivityType``, 3.1–3.6), with the same columns: projects, events,
  exchanges, participants and partnerships per year and country. Goals and kinds of activity of
  the memoranda in the database are listed, ordered by number; a row whose numbers are all zero
  is left out.
- What counts for a goal or kind of activity. Projects, events and exchanges count through their
  ``goals`` and ``activity_types``. Partnerships have no goals: every partnership counts for goal
  ``PARTNERSHIP_GOAL_NUMBER`` (2.3, partnership and twinning links) and kind of activity
  ``PARTNERSHIP_ACTIVITY_NUMBER`` (3.4, cooperation agreements), and for no other.
- What is left out: draft projects and cancelled events. Everything else counts, demo and
  non-public records included.
- Year of a record. Project: the year of ``starts_on``, or of ``created`` when it has no start
  date. Event: the year of ``starts_at`` in the portal's time zone (``settings.TIME_ZONE``).
  Exchange: the year of ``starts_on``. Partnership: the year of ``signed_on``, else of
  ``proposed_on``, else of ``created``. ``created`` is read in the portal's time zone too.
- Country of a record. A record counts once in the row of each country it involves. Project: the
  countries of its participating municipalities. Event: of its host and organising
  municipalities. Exchange: of its sending and hosting municipalities. Partnership: of its two
  municipalities. A municipality's country is its ``Region.country``. The "all countries" row
  (country ``""``) counts each record once: a Kyrgyz–Russian record adds one to the Kyrgyz row,
  one to the Russian row and one, not two, to "all countries". A record that involves no
  municipality (an event of the parties alone, a project without participants yet) counts in
  "all countries" only.
- Participants. The participants of the events tagged with the goal whose attendance is not
  "declined", plus the ``participants_count`` of the exchanges tagged with it, in the year and
  countries of their event or exchange.
- Filters. A year range (both ends included) keeps the records whose year lies in it. A country
  keeps the records that involve it and reports that country's rows only (its "all countries"
  rows would repeat them).

How it is computed: one grouped query per kind of record and table (nine queries with the lists
of goals and kinds of activity, however much data there is). Each query groups by (goal, year)
and returns every measure for all countries and for each country at once, as
``COUNT(DISTINCT …) FILTER (WHERE …)``. "Involves a country" is an ``IN (subquery)`` condition
rather than a join, so no join multiplies the records that are counted or summed, and each
subquery runs once per query.
"""

import csv
import dataclasses
import io
import re
from collections import defaultdict
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Expression, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import versioning
from core.choices import Country
from events.choices import Attendance, EventStatus
from events.models import Event
from partnerships.choices import ProjectStatus
from partnerships.models import (
    ActivityType,
    Goal,
    Municipality,
    Partnership,
    Project,
    ProjectParticipation,
)

from .models import Exchange

__all__ = [
    "ACTIVITY",
    "ALL_COUNTRIES",
    "DIMENSIONS",
    "GOAL",
    "MEASURES",
    "PARTNERSHIP_ACTIVITY_NUMBER",
    "PARTNERSHIP_GOAL_NUMBER",
    "Clause",
    "GoalsReport",
    "ReportRow",
    "country_label",
    "goals_report",
    "report_as_dict",
    "report_chart_data",
    "report_to_csv",
    "report_to_xlsx",
]

# Partnerships carry no goals of their own. The memorandum's goal 2.3 is "developing partnership
# and twinning links" and its kind of activity 3.4 "concluding cooperation agreements": every
# partnership counts for these two, and for no other goal or kind of activity.
PARTNERSHIP_GOAL_NUMBER = "2.3"
PARTNERSHIP_ACTIVITY_NUMBER = "3.4"

# The two tables (dimensions) of the report.
GOAL = "goal"
ACTIVITY = "activity"
DIMENSIONS = (GOAL, ACTIVITY)

# The country of the row that counts every record once.
ALL_COUNTRIES = ""

MEASURES = ("projects", "events", "exchanges", "participants", "partnerships")

# Column titles of the downloads, in order; the page's tables use the same English msgids.
COLUMN_TITLES = (
    _("Goal or kind of activity"),
    _("Number"),
    _("Name"),
    _("Year"),
    _("Country"),
    _("Projects"),
    _("Events"),
    _("Exchanges"),
    _("Participants"),
    _("Partnerships"),
)

# Chart.js dataset labels, one per counted kind of record (participants are on another scale).
CHART_MEASURES = (
    ("projects", _("Projects")),
    ("events", _("Events")),
    ("exchanges", _("Exchanges")),
    ("partnerships", _("Partnerships")),
)

# A text cell starting with one of these is a formula to a spreadsheet program.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclasses.dataclass(frozen=True)
class Clause:
    """A goal or kind of activity as the report lists it."""

    dimension: str
    number: str
    name: str


@dataclasses.dataclass(frozen=True)
class ReportRow:
    """The numbers of one goal or kind of activity in one year and one country ("" for all)."""

    dimension: str
    number: str
    name: str
    year: int
    country: str
    projects: int = 0
    events: int = 0
    exchanges: int = 0
    participants: int = 0
    partnerships: int = 0

    @property
    def country_label(self) -> str:
        return country_label(self.country)

    @property
    def is_total(self) -> bool:
        return self.country == ALL_COUNTRIES


@dataclasses.dataclass(frozen=True)
class GoalsReport:
    """The report: rows of both tables (goals first), and the goals and kinds of activity listed.

    ``country`` is the country it was filtered by, or None for all countries.
    """

    rows: list[ReportRow]
    clauses: list[Clause]
    year_from: int | None = None
    year_to: int | None = None
    country: str | None = None

    @property
    def country_label(self) -> str:
        return country_label(self.country or ALL_COUNTRIES)

    def rows_of(self, dimension: str) -> list[ReportRow]:
        return [row for row in self.rows if row.dimension == dimension]

    @property
    def goal_rows(self) -> list[ReportRow]:
        return self.rows_of(GOAL)

    @property
    def activity_rows(self) -> list[ReportRow]:
        return self.rows_of(ACTIVITY)

    def clauses_without_rows(self, dimension: str) -> list[Clause]:
        """Goals (or kinds of activity) that nothing in the report pursued."""
        present = {row.number for row in self.rows_of(dimension)}
        return [
            clause
            for clause in self.clauses
            if clause.dimension == dimension and clause.number not in present
        ]


def country_label(code: str) -> str:
    if code == ALL_COUNTRIES:
        return gettext("All countries")
    return str(Country(code).label) if code in Country.values else code


def dimension_label(dimension: str) -> str:
    model = Goal if dimension == GOAL else ActivityType
    return capfirst(str(model._meta.verbose_name))


# --- Computing ----------------------------------------------------------------------------------


def _portal_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


# "Involves a country" is an uncorrelated IN (subquery): Postgres runs each subquery once and
# looks rows up in its hashed result, where a correlated EXISTS would run for every joined row.


def _municipalities_in(country: str) -> QuerySet:
    return Municipality.objects.filter(region__country=country).values("pk")


def _any_of(country: str, *fields: str) -> Q:
    """One of the municipalities the row points at through ``fields`` lies in the country."""
    involved = Q()
    for field in fields:
        involved |= Q(**{f"{field}__in": _municipalities_in(country)})
    return involved


def _project_involves(country: str) -> Q:
    participations = ProjectParticipation.objects.filter(
        municipality__in=_municipalities_in(country)
    )
    return Q(pk__in=participations.values("project"))


def _event_involves(country: str) -> Q:
    organisers = Event.organising_municipalities.through.objects.filter(
        municipality__in=_municipalities_in(country)
    )
    return _any_of(country, "host_municipality") | Q(pk__in=organisers.values("event"))


def _exchange_involves(country: str) -> Q:
    return _any_of(country, "sending_municipality", "hosting_municipality")


def _partnership_involves(country: str) -> Q:
    return _any_of(country, "municipality_a", "municipality_b")


def _and(first: Q | None, second: Q | None) -> Q | None:
    if first is None:
        return second
    if second is None:
        return first
    return first & second


# The tables the figures are counted from: a change to any of them renews the cached figures.
REPORT_TABLES = [
    "partnerships.Goal",
    "partnerships.ActivityType",
    "partnerships.Region",
    "partnerships.Municipality",
    "partnerships.Partnership",
    "partnerships.Project",
    "partnerships.ProjectParticipation",
    "events.Event",
    "events.Participant",
    "exchanges.Exchange",
]

# A measure: the aggregate of one column, given the condition on the records it counts (None: all).
Measure = Callable[[Q | None], Expression]


def _count_records(condition: Q | None) -> Expression:
    return Count("pk", distinct=True, filter=condition)


def _count_event_participants(condition: Q | None) -> Expression:
    attending = ~Q(participants__attendance=Attendance.DECLINED)
    return Count("participants", distinct=True, filter=_and(attending, condition))


def _sum_exchange_participants(condition: Q | None) -> Expression:
    return Sum("participants_count", filter=condition, default=0)


@dataclasses.dataclass(frozen=True)
class _Source:
    """A kind of record the report counts, and how its year and countries are read."""

    queryset: QuerySet
    year: Expression
    involves: Callable[[str], Q]
    measures: dict[str, Measure]


def _sources() -> dict[str, _Source]:
    zone = _portal_zone()
    return {
        "projects": _Source(
            queryset=Project.objects.exclude(status=ProjectStatus.DRAFT),
            year=Coalesce(ExtractYear("starts_on"), ExtractYear("created", tzinfo=zone)),
            involves=_project_involves,
            measures={"projects": _count_records},
        ),
        "events": _Source(
            queryset=Event.objects.exclude(status=EventStatus.CANCELLED),
            year=ExtractYear("starts_at", tzinfo=zone),
            involves=_event_involves,
            measures={"events": _count_records, "participants": _count_event_participants},
        ),
        "exchanges": _Source(
            queryset=Exchange.objects.all(),
            year=ExtractYear("starts_on"),
            involves=_exchange_involves,
            measures={"exchanges": _count_records, "participants": _sum_exchange_participants},
        ),
        "partnerships": _Source(
            queryset=Partnership.objects.all(),
            year=Coalesce(
                ExtractYear("signed_on"),
                ExtractYear("proposed_on"),
                ExtractYear("created", tzinfo=zone),
            ),
            involves=_partnership_involves,
            measures={"partnerships": _count_records},
        ),
    }


def _alias(measure: str, country: str) -> str:
    return f"{measure}_{country.lower() or 'all'}"


def _grouped(
    source: _Source,
    *,
    clause_field: str | None,
    countries: tuple[str, ...],
    year_from: int | None,
    year_to: int | None,
) -> list[dict]:
    """One query: per year (and per goal or kind of activity, when ``clause_field`` names the
    records' many-to-many field of them), every measure of the source for each of ``countries``.
    """
    queryset = source.queryset.annotate(report_year=source.year)
    group_by = ["report_year"]
    if clause_field:
        # An inner join: records tagged with nothing make no group.
        queryset = queryset.filter(**{f"{clause_field}__isnull": False})
        group_by.insert(0, clause_field)
    if year_from is not None:
        queryset = queryset.filter(report_year__gte=year_from)
    if year_to is not None:
        queryset = queryset.filter(report_year__lte=year_to)
    if ALL_COUNTRIES not in countries:
        involved = Q()
        for country in countries:
            involved |= source.involves(country)
        queryset = queryset.filter(involved)
    aggregates = {
        _alias(measure, country): aggregate(
            None if country == ALL_COUNTRIES else source.involves(country)
        )
        for measure, aggregate in source.measures.items()
        for country in countries
    }
    return list(queryset.values(*group_by).annotate(**aggregates).order_by())


def _number_key(number: str) -> tuple:
    """Sort key of a clause number: part by part, so that 2.10 comes after 2.9."""
    return tuple(int(part) for part in re.findall(r"\d+", number)), number


def _count_cells(
    *,
    linked: list[tuple[str, int]],
    countries: tuple[str, ...],
    year_from: int | None,
    year_to: int | None,
) -> dict[tuple, dict[str, int]]:
    """(dimension, clause pk, year, country) -> measure -> number: the report's figures, without
    names (they are the same in every language and are cached as such)."""
    cells: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(MEASURES, 0))
    clause_fields = {GOAL: "goals", ACTIVITY: "activity_types"}

    def add(dimension: str, clause_pk: int, result: dict, measures) -> None:
        for measure in measures:
            for code in countries:
                value = int(result[_alias(measure, code)] or 0)
                cells[dimension, clause_pk, int(result["report_year"]), code][measure] += value

    sources = _sources()
    window = {"countries": countries, "year_from": year_from, "year_to": year_to}
    for name in ("projects", "events", "exchanges"):
        source = sources[name]
        for dimension, field in clause_fields.items():
            for result in _grouped(source, clause_field=field, **window):
                add(dimension, result[field], result, source.measures)

    # Partnerships count for the goal and kind of activity of twinning links and agreements.
    partnerships = sources["partnerships"]
    for result in _grouped(partnerships, clause_field=None, **window):
        for dimension, clause_pk in linked:
            add(dimension, clause_pk, result, partnerships.measures)
    return dict(cells)


def goals_report(
    *, year_from: int | None = None, year_to: int | None = None, country: str | None = None
) -> GoalsReport:
    """Count projects, events, exchanges, participants and partnerships per goal and per kind of
    activity, year and country, as the module's docstring defines them.

    Names are in the active language. The number of queries does not depend on the data; the
    figures are cached (Redis) until a table they are counted from changes.
    """
    countries = (country,) if country else (*Country.values, ALL_COUNTRIES)
    clause_models = {GOAL: Goal, ACTIVITY: ActivityType}
    clauses = {
        dimension: sorted(
            model.objects.order_by(), key=lambda clause: (*_number_key(clause.number), clause.pk)
        )
        for dimension, model in clause_models.items()
    }

    linked = [
        (dimension, clause.pk)
        for dimension, number in (
            (GOAL, PARTNERSHIP_GOAL_NUMBER),
            (ACTIVITY, PARTNERSHIP_ACTIVITY_NUMBER),
        )
        for clause in clauses[dimension]
        if clause.number == number
    ]
    window = {"countries": countries, "year_from": year_from, "year_to": year_to}
    cells = versioning.cached(
        f"goals-report:{countries}:{year_from}:{year_to}:{linked}",
        REPORT_TABLES,
        lambda: _count_cells(linked=linked, **window),
    )

    # "All countries" closes each year's rows.
    country_order = {code: index for index, code in enumerate(countries)}
    rows = []
    for dimension in DIMENSIONS:
        for clause in clauses[dimension]:
            keys = sorted(
                (key for key in cells if key[:2] == (dimension, clause.pk)),
                key=lambda key: (key[2], country_order[key[3]]),
            )
            for key in keys:
                numbers = cells[key]
                if any(numbers.values()):
                    rows.append(
                        ReportRow(
                            dimension=dimension,
                            number=clause.number,
                            name=clause.short_name,
                            year=key[2],
                            country=key[3],
                            **numbers,
                        )
                    )
    return GoalsReport(
        rows=rows,
        clauses=[
            Clause(dimension=dimension, number=clause.number, name=clause.short_name)
            for dimension in DIMENSIONS
            for clause in clauses[dimension]
        ],
        year_from=year_from,
        year_to=year_to,
        country=country or None,
    )


# --- Output -------------------------------------------------------------------------------------


def _table(report: GoalsReport) -> tuple[list[str], list[list]]:
    """Header and body of the downloads: labels in the active language, numbers as numbers."""
    header = [str(title) for title in COLUMN_TITLES]
    body = [
        [
            dimension_label(row.dimension),
            row.number,
            row.name,
            row.year,
            row.country_label,
            *(getattr(row, measure) for measure in MEASURES),
        ]
        for row in report.rows
    ]
    return header, body


def _neutralised(value):
    """Text that a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def report_to_csv(report: GoalsReport) -> str:
    """The report as CSV text: one header row, then both tables' rows (goals first)."""
    header, body = _table(report)
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(header)
    for values in body:
        writer.writerow([_neutralised(value) for value in values])
    return output.getvalue()


def report_to_xlsx(report: GoalsReport) -> bytes:
    """The report as an Excel workbook: one sheet, a bold frozen header row, then the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header, body = _table(report)
    workbook = Workbook()
    sheet = workbook.active
    # Sheet names are limited to 31 characters.
    sheet.title = gettext("Goals report")[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in body:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # Text stays text even when it starts with "=".
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    widths = [
        max(len(str(value)) for value in column) for column in zip(header, *body, strict=False)
    ]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def report_as_dict(report: GoalsReport) -> dict:
    """The report as plain data for JSON: the filters and the rows (country codes, "" = all)."""
    return {
        "year_from": report.year_from,
        "year_to": report.year_to,
        "country": report.country,
        "partnership_goal": PARTNERSHIP_GOAL_NUMBER,
        "partnership_activity": PARTNERSHIP_ACTIVITY_NUMBER,
        "time_zone": settings.TIME_ZONE,
        "rows": [dataclasses.asdict(row) for row in report.rows],
    }


def report_chart_data(report: GoalsReport, dimension: str = GOAL) -> dict:
    """Data of the page's bar chart: per goal (or kind of activity), the records of all the
    report's years, for all countries or for the country the report is filtered by."""
    total_country = report.country or ALL_COUNTRIES
    clauses = [clause for clause in report.clauses if clause.dimension == dimension]
    totals = {clause.number: dict.fromkeys(MEASURES, 0) for clause in clauses}
    for row in report.rows_of(dimension):
        if row.country == total_country:
            for measure in MEASURES:
                totals[row.number][measure] += getattr(row, measure)
    return {
        "labels": [clause.number for clause in clauses],
        "titles": [f"{clause.number}. {clause.name}" for clause in clauses],
        "datasets": [
            {"label": str(label), "data": [totals[clause.number][measure] for clause in clauses]}
            for measure, label in CHART_MEASURES
        ],
    }
