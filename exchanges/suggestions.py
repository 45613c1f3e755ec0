"""Partner suggestions: which municipalities of the other country suit a municipality or an open
partner request, and why, in words.

The ranking is one query in the database over every candidate (about 17,500 in Russia): it counts
shared cooperation sectors, the candidate's published best practices in the sectors sought
("complementary strengths"), whether it hosted an event or sent or hosted an exchange in the
activity window (its latest dates are kept per municipality: exchanges.activity), its "seeking
partners" flag, and how close its population is (on a log scale). Municipalities already in a
live partnership with the one asking are left out. Only the ids and scores of the top rows come
back; those rows are then read by primary key and their reasons put into words in the active
language. (Reading activity from the kept dates instead of probing each candidate's events and
exchanges, and shared sectors from one hashed set per sector, took the ranking from ~83 to
~40 ms at national scale, make bench.)

Score = 3 × shared sectors + 2 × min(best practices in the sectors sought, 3)
        + 2 if active recently + 1 if seeking partners + 2 × population closeness (0..1).
"""

import datetime
import math
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Abs, Cast, Least, Ln
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from core import versioning
from core.query import count_of
from events.models import Event
from partnerships.models import Municipality, Partnership, Sector
from partnerships.selectors import activity_cutoff

from .models import BestPractice, Exchange, PartnerRequest

WEIGHT_SECTOR = 3
WEIGHT_PRACTICE = 2
PRACTICES_COUNTED = 3
WEIGHT_ACTIVE = 2
WEIGHT_SEEKING = 1
WEIGHT_POPULATION = 2


@dataclass
class Suggestion:
    municipality: Municipality
    score: float
    shared_sectors: list[Sector] = field(default_factory=list)
    practice_sectors: list[Sector] = field(default_factory=list)
    recent_activity: int = 0
    reasons: list[str] = field(default_factory=list)


def _rank(
    *,
    own: Municipality | None,
    countries_excluded: list[str],
    country: str | None,
    sector_ids: list[int],
    population: int | None,
    population_range: tuple[int | None, int | None] = (None, None),
    limit: int,
) -> list[Suggestion]:
    cutoff = activity_cutoff()
    # As an instant, so that the index on starts_at answers it.
    since = datetime.datetime.combine(
        cutoff, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    candidates = Municipality.objects.exclude(region__country__in=countries_excluded)
    if country:
        candidates = candidates.filter(region__country=country)
    low, high = population_range
    if low is not None:
        candidates = candidates.filter(population__gte=low)
    if high is not None:
        candidates = candidates.filter(population__lte=high)
    if own is not None:
        # A handful of ids: cheaper as a list than as a subquery per candidate.
        partners = {
            pk
            for pair in Partnership.objects.live()
            .involving(own.pk)
            .values_list("municipality_a_id", "municipality_b_id")
            for pk in pair
        }
        candidates = candidates.exclude(pk__in=partners | {own.pk})

    practices = BestPractice.objects.filter(
        municipality=OuterRef("pk"), sector__in=sector_ids, is_published=True
    )
    # Most candidates publish no practice in the sectors sought: the set of those who do is read
    # once (a hashed subplan), and practices are counted only for its members.
    practising = BestPractice.objects.filter(sector__in=sector_ids, is_published=True).values(
        "municipality_id"
    )
    # Whether a candidate is active: its latest hosted event or exchange (kept per municipality
    # by exchanges.activity) falls within the window. A join, where probing the events and
    # exchanges of every candidate cost ~55 of the ranking's ~100 ms (make bench); how active is
    # counted afterwards, for the suggestions shown only: _recent_activity.
    active = Q(activity__last_event_at__gte=since) | Q(activity__last_exchange_on__gte=cutoff)

    if population:
        distance = Abs(Ln(Cast("population", FloatField())) - Value(math.log(population)))
        # Unknown or zero population: no closeness to speak of.
        closeness = Case(
            When(population__gt=0, then=Value(1.0) / (Value(1.0) + distance)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    else:
        closeness = Value(0.0, output_field=FloatField())

    ranked = (
        candidates.annotate(
            shared=_shared_sectors(sector_ids),
            practices=_count_among(practices, practising) if sector_ids else Value(0),
            closeness=closeness,
        )
        .annotate(
            total=ExpressionWrapper(
                WEIGHT_SECTOR * F("shared")
                + WEIGHT_PRACTICE * Least(F("practices"), Value(PRACTICES_COUNTED))
                + WEIGHT_POPULATION * F("closeness")
                + Case(When(active, then=Value(float(WEIGHT_ACTIVE))), default=Value(0.0))
                + Case(
                    When(seeking_partners=True, then=Value(float(WEIGHT_SEEKING))),
                    default=Value(0.0),
                ),
                output_field=FloatField(),
            )
        )
        .order_by("-total", "-population", "name")
    )
    # The ranking carries ids and scores only (narrow rows through the sort, and the counts not
    # computed a second time for the output); the few rows shown are then read by primary key.
    scores = dict(ranked.values_list("pk", "total")[:limit])
    rows = Municipality.objects.select_related("region").in_bulk(list(scores))
    top = []
    for pk, total in scores.items():
        row = rows[pk]
        row.total = total
        top.append(row)
    activity = _recent_activity([row.pk for row in top], since=since, cutoff=cutoff)
    for row in top:
        row.recent_activity = activity.get(row.pk, 0)
    return _explain(top, sector_ids, own_population=population)


def _shared_sectors(sector_ids: list[int]):
    """How many of these sectors a candidate shares: a sum of memberships, each sector's
    municipalities read once into a hash (the municipality-sector table probed per candidate
    instead cost ~10 ms more at national scale, make bench)."""
    through = Municipality.sectors.through.objects
    return sum(
        (
            Case(
                When(pk__in=through.filter(sector=pk).values("municipality_id"), then=Value(1)),
                default=Value(0),
            )
            for pk in sector_ids
        ),
        Value(0),
    )


def _count_among(rows, owners):
    """count_of(rows) for candidates among ``owners``, 0 for the others without a look."""
    return Case(When(pk__in=owners, then=count_of(rows)), default=Value(0))


def _recent_activity(ids: list[int], *, since: datetime.datetime, cutoff: datetime.date) -> Counter:
    """Events hosted and exchanges sent or hosted since the cutoff, per municipality (one
    query: a row per record and municipality, counted here)."""
    hosted_events = Event.objects.filter(host_municipality__in=ids, starts_at__gte=since)
    recent_exchanges = Exchange.objects.filter(starts_on__gte=cutoff)
    rows = (
        hosted_events.order_by()
        .values_list("host_municipality_id")
        .union(
            recent_exchanges.filter(sending_municipality__in=ids)
            .order_by()
            .values_list("sending_municipality_id"),
            recent_exchanges.filter(hosting_municipality__in=ids)
            .order_by()
            .values_list("hosting_municipality_id"),
            all=True,
        )
    )
    return Counter(pk for (pk,) in rows)


def _short_population(value: int) -> str:
    if value >= 1_000_000:
        return _("%(value)s M") % {"value": formats.number_format(value / 1_000_000, 1)}
    if value >= 10_000:
        return _("%(value)s k") % {"value": formats.number_format(value / 1_000, 0)}
    return formats.number_format(value, 0, force_grouping=True)


def _explain(
    rows: list[Municipality], sector_ids: list[int], own_population: int | None
) -> list[Suggestion]:
    """Put each suggestion's reasons into words (two queries for all rows together)."""
    ids = [row.pk for row in rows]
    shared: dict[int, list[Sector]] = {pk: [] for pk in ids}
    for link in (
        Municipality.sectors.through.objects.filter(
            municipality_id__in=ids, sector_id__in=sector_ids
        )
        .select_related("sector")
        .order_by("sector__order")
    ):
        shared[link.municipality_id].append(link.sector)
    practice_sectors: dict[int, list[Sector]] = {pk: [] for pk in ids}
    seen = set()
    for practice in (
        BestPractice.objects.filter(
            municipality_id__in=ids, sector_id__in=sector_ids, is_published=True
        )
        .select_related("sector")
        .order_by("sector__order")
    ):
        key = (practice.municipality_id, practice.sector_id)
        if key not in seen:
            seen.add(key)
            practice_sectors[practice.municipality_id].append(practice.sector)

    suggestions = []
    for row in rows:
        reasons = []
        if shared[row.pk]:
            reasons.append(
                _("shared sectors: %(sectors)s")
                % {"sectors": ", ".join(s.name for s in shared[row.pk])}
            )
        if practice_sectors[row.pk]:
            reasons.append(
                _("best practices in: %(sectors)s")
                % {"sectors": ", ".join(s.name for s in practice_sectors[row.pk])}
            )
        if own_population and row.population:
            reasons.append(
                _("population %(theirs)s vs %(ours)s")
                % {
                    "theirs": _short_population(row.population),
                    "ours": _short_population(own_population),
                }
            )
        if row.recent_activity:
            reasons.append(
                ngettext(
                    "active: %(count)d event or exchange in the last %(months)d months",
                    "active: %(count)d events and exchanges in the last %(months)d months",
                    row.recent_activity,
                )
                % {
                    "count": row.recent_activity,
                    "months": settings.PARTNERSHIP_ACTIVE_WINDOW_MONTHS,
                }
            )
        if row.seeking_partners:
            reasons.append(_("is looking for partners"))
        suggestions.append(
            Suggestion(
                municipality=row,
                score=round(row.total, 3),
                shared_sectors=shared[row.pk],
                practice_sectors=practice_sectors[row.pk],
                recent_activity=row.recent_activity,
                reasons=reasons,
            )
        )
    return suggestions


def suggest_partners(*, municipality: Municipality, limit: int | None = None) -> list[Suggestion]:
    """Municipalities of the other country that suit ``municipality``, best first."""
    return _rank(
        own=municipality,
        countries_excluded=[municipality.region.country],
        country=None,
        sector_ids=list(municipality.sectors.values_list("pk", flat=True)),
        population=municipality.population,
        limit=limit or settings.PARTNER_SUGGESTIONS_LIMIT,
    )


# What the ranking reads: a change to any of these tables renews the cached suggestions.
SUGGESTION_TABLES = [
    "partnerships.Region",
    "partnerships.Municipality",
    "partnerships.Sector",
    "partnerships.Partnership",
    "exchanges.BestPractice",
    "events.Event",
    "exchanges.Exchange",
]


def cached_suggestions(*, municipality: Municipality, limit: int | None = None) -> list[Suggestion]:
    """suggest_partners, kept in the shared cache (per language, its reasons being words) until
    one of the tables it reads changes, and at most an hour, as the activity window moves."""
    return versioning.cached(
        f"suggestions:{municipality.pk}:{limit}:{get_language()}",
        SUGGESTION_TABLES,
        lambda: suggest_partners(municipality=municipality, limit=limit),
        timeout=3600,
    )


def suggest_for_request(*, request: PartnerRequest, limit: int | None = None) -> list[Suggestion]:
    """Candidates for an open partner request: its sectors (or, if none, the requesting
    municipality's), the country and population range it asks for."""
    own = request.municipality
    sector_ids = list(request.sectors.values_list("pk", flat=True)) or list(
        own.sectors.values_list("pk", flat=True)
    )
    answered = request.answers.values_list("municipality_id", flat=True)
    suggestions = _rank(
        own=own,
        countries_excluded=[own.region.country],
        country=request.country or None,
        sector_ids=sector_ids,
        population=own.population,
        population_range=(request.population_min, request.population_max),
        limit=(limit or settings.PARTNER_SUGGESTIONS_LIMIT) + len(answered),
    )
    answered_ids = set(answered)
    return [s for s in suggestions if s.municipality.pk not in answered_ids][
        : limit or settings.PARTNER_SUGGESTIONS_LIMIT
    ]
