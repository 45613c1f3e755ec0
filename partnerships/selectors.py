"""The read side of the partnerships app: querysets shaped for their pages and endpoints.

Partnership health is computed in the query (annotations), never row by row: a partnership is
"active" when an event, exchange or project of it falls within the last
PARTNERSHIP_ACTIVE_WINDOW_MONTHS months (or later), "dormant" otherwise. Counted are events and
projects linked to the partnership, and exchanges linked to it or between its two municipalities
(either way round); their latest dates are kept per partnership (exchanges.activity).
"""

import datetime
import functools

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext

from core import kept_queries, versioning
from core.choices import Country, labels_of
from core.json_sql import translated
from core.links import record_url
from core.query import built_once, built_per_language, names_of

from .choices import Health, MunicipalityKind
from .models import (
    Memorandum,
    Municipality,
    Partnership,
    Project,
    ProjectParticipation,
    Region,
    Signatory,
)

# Stands in for "no activity at all" so that GREATEST behaves the same on every database.
NO_ACTIVITY = datetime.date(1900, 1, 1)


def beyond_summary(*relations: str) -> list[str]:
    """For ``defer()``: the columns of these municipality relations that a summary of the
    municipality (its name in every language, its region, a link) does not show, so that lists
    do not build ~40-column municipalities to print a name (make bench)."""
    kept = {"id", "region", "name", *(f"name_{code}" for code, _name in settings.LANGUAGES)}
    return [
        f"{relation}__{field.name}"
        for relation in relations
        for field in Municipality._meta.concrete_fields
        if field.name not in kept
    ]


def activity_cutoff(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return today - relativedelta(months=settings.PARTNERSHIP_ACTIVE_WINDOW_MONTHS)


def with_health(queryset: QuerySet[Partnership], today: datetime.date | None = None) -> QuerySet:
    """Annotate ``last_activity_on`` and ``health`` ("active" / "dormant"), from the latest
    event, exchange and project kept per partnership (exchanges.PartnershipActivity, refreshed on
    every change of them): a join, so that filtering 30,000 partnerships by health is a scan of
    one table, not three subqueries for each (about a second at national scale, make bench)."""
    today = today or timezone.localdate()
    return queryset.annotate(
        last_activity_on=Greatest(
            Coalesce(TruncDate("activity__last_event_at"), Value(NO_ACTIVITY)),
            Coalesce("activity__last_exchange_on", Value(NO_ACTIVITY)),
            Coalesce("activity__last_project_on", Value(NO_ACTIVITY)),
            # A project still under way counts as activity today.
            Case(
                When(activity__ongoing_project=True, then=Value(today)),
                default=Value(NO_ACTIVITY),
            ),
            output_field=DateField(),
        ),
    ).annotate(
        health=Case(
            When(last_activity_on__gte=activity_cutoff(today), then=Value(Health.ACTIVE)),
            default=Value(Health.DORMANT),
            output_field=CharField(),
        )
    )


def of_health(queryset: QuerySet, health: str, today: datetime.date | None = None) -> QuerySet:
    """Partnerships of ``queryset`` (annotated by with_health) that are active or dormant.

    Filtered by the date itself, not by the ``health`` label: PostgreSQL expects a third of the
    rows for a range on an expression, but 1 in 200 for equality with a CASE, and with that
    guess it joined both municipalities to every active partnership before sorting for the page
    (185 ms instead of ~25 at national scale, make bench)."""
    cutoff = activity_cutoff(today)
    if health == Health.ACTIVE:
        return queryset.filter(last_activity_on__gte=cutoff)
    return queryset.filter(last_activity_on__lt=cutoff)


def partnership_list() -> QuerySet[Partnership]:
    """Partnerships with both municipalities, their regions, sectors and their health."""
    return _partnership_list_on(
        timezone.localdate(), settings.PARTNERSHIP_ACTIVE_WINDOW_MONTHS
    ).all()


@functools.lru_cache(maxsize=4)
def _partnership_list_on(today: datetime.date, window_months: int) -> QuerySet[Partnership]:
    # Built once a day (health is measured from the day) and copied for each use: building it,
    # deferred columns and health expressions, cost a sixth of an API list of partnerships.
    # Only copies (.all()) leave this function, so this one is never evaluated.
    return with_health(
        Partnership.objects.select_related("municipality_a__region", "municipality_b__region")
        .defer(*beyond_summary("municipality_a", "municipality_b"))
        .prefetch_related("sectors"),
        today,
    )


def chosen_municipality(value: str | None) -> Municipality | None:
    """The municipality a filter's ``?municipality=<id>`` names, if there is one."""
    if not value or not value.strip().isdigit():
        return None
    return Municipality.objects.select_related("region").filter(pk=int(value)).first()


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.select_related("region").prefetch_related("sectors")


def memorandum_list() -> QuerySet[Memorandum]:
    return Memorandum.objects.prefetch_related(
        Prefetch("signatories", queryset=Signatory.objects.select_related("party"))
    )


def project_list() -> QuerySet[Project]:
    # The partnership's summary names both its municipalities.
    return Project.objects.select_related(
        "partnership__municipality_a", "partnership__municipality_b"
    ).prefetch_related(
        "goals",
        "activity_types",
        "sectors",
        Prefetch("participations", queryset=_participations()),
    )


def _participations() -> QuerySet[ProjectParticipation]:
    """Participations with what is shown of their municipality: its name (every language, for
    the fallback) and country. Not its profile's long texts: a page of 50 projects builds ~135
    municipalities, and their 40 columns were half of building the page."""
    names = [f"municipality__name_{code}" for code, _name in settings.LANGUAGES]
    return ProjectParticipation.objects.select_related("municipality__region").only(
        "project_id", "role", "municipality__name", *names, "municipality__region__country"
    )


# --- Public pages -----------------------------------------------------------------------------


def names(*relations: str) -> list[str]:
    """For ``only()``: the id and the name in every language of each related record (a
    municipality, a region, a sector), the text shown and its fallback."""
    return [
        f"{relation}__{name}"
        for relation in relations
        for name in ("id", "name", *(f"name_{code}" for code, _name in settings.LANGUAGES))
    ]


def texts(*names: str) -> list[str]:
    """For ``only()``: translated fields with their column in every language."""
    return [
        field
        for name in names
        for field in (name, *(f"{name}_{code}" for code, _name in settings.LANGUAGES))
    ]


def partnership_rows(*, countries: bool = False) -> QuerySet[Partnership]:
    """Partnerships as the public lists show them (the partnership list, a municipality's
    partners): both municipalities by name (and country, with ``countries``) and the health;
    no sectors or profiles (make bench: reading them was a third of the partnership list)."""
    shown = ["municipality_a", "municipality_b"]
    if countries:
        shown = ["municipality_a__region", "municipality_b__region"]
    return with_health(
        Partnership.objects.select_related(*shown).only(
            "kind",
            "status",
            "signed_on",
            "signed_on_precision",
            *names("municipality_a", "municipality_b"),
            *(["municipality_a__region__country", "municipality_b__region__country"] * countries),
        )
    )


@built_once
def project_cards() -> QuerySet[Project]:
    """Projects as the public list shows them: with the names of their participating
    municipalities only (not a participation, a municipality and a region built for each)."""
    participations = ProjectParticipation.objects.filter(project=OuterRef("pk")).order_by("pk")
    return Project.objects.annotate(
        municipality_names=names_of(participations, through="municipality__")
    )


HOME_TABLES = [
    "partnerships.Municipality",
    "partnerships.Partnership",
    "partnerships.Project",
    "events.Event",
    "exchanges.Exchange",
    "exchanges.BestPractice",
]


def home_figures() -> dict:
    """The key figures of the home page, cached in the shared cache (Redis) under a key made
    of the stamps of the tables they count, so any change to those tables is a cache miss."""
    return versioning.cached("home-figures", HOME_TABLES, _count_home_figures)


def _count_home_figures() -> dict:
    from django.db.models import Count

    Event = apps.get_model("events", "Event")
    Exchange = apps.get_model("exchanges", "Exchange")
    BestPractice = apps.get_model("exchanges", "BestPractice")
    by_country = dict(
        Municipality.objects.order_by().values_list("region__country").annotate(n=Count("pk"))
    )
    live = Partnership.objects.live()
    year = timezone.localdate().year
    return {
        "municipalities": by_country,
        "municipalities_total": sum(by_country.values()),
        "live_partnerships": live.count(),
        "live_partnerships_by_country": {
            country: live.filter(
                Q(municipality_a__region__country=country)
                | Q(municipality_b__region__country=country)
            ).count()
            for country in sorted(by_country)
        },
        "projects": Project.objects.public().count(),
        "events_this_year": Event.objects.public()
        .filter(starts_at__year=year)
        .exclude(status="cancelled")
        .count(),
        "exchanges": Exchange.objects.public().count(),
        "best_practices": BestPractice.objects.public().count(),
        "year": year,
    }


def municipality_directory() -> QuerySet[Municipality]:
    """Municipalities in the directory's order, to filter, count and page; ``directory_rows``
    reads a page of them."""
    return Municipality.objects.order_by("name")


@built_per_language
def _directory_columns() -> dict:
    return {
        "country": F("region__country"),
        "shown_name": translated(Municipality, "name"),
        "region_name": translated(Region, "name", "region__"),
    }


def directory_rows(page: QuerySet[Municipality], *, kept: tuple | None = None) -> list[dict]:
    """A page of the directory (a slice of ``municipality_directory``) as the page and its map
    show it, as rows rather than model instances: the name and the region's name in the active
    language (with django-modeltranslation's fallbacks, worked out by the query), the kind and
    country in words, population, "seeking partners", coordinates and the link. A page of 30
    built 60 instances (each municipality and its region) and read every name through a
    translation descriptor, about a tenth of the page (make bench). The page is counted without
    the join to the regions that the names need. The population is in words ("population
    12,345"), the number localized as the template would. ``kept``: the key under which the
    process keeps the rows' SQL (core.kept_queries)."""
    rows = kept_queries.values(
        kept,
        lambda: page.raw_values(
            "id",
            "kind",
            "population",
            "seeking_partners",
            "latitude",
            "longitude",
            **_directory_columns(),
        ),
    )
    kinds, countries = labels_of(MunicipalityKind), labels_of(Country)
    # Written here, translated once a page: a blocktranslate for each row was a tenth of the page.
    population = gettext("population %(population)s")
    return [
        {
            "id": row["id"],
            "name": row["shown_name"],
            "region": row["region_name"],
            "kind": kinds.get(row["kind"], row["kind"]),
            "country": row["country"],
            "country_name": countries.get(row["country"], row["country"]),
            "population": (
                population % {"population": localize(row["population"])}
                if row["population"]
                else ""
            ),
            "seeking_partners": row["seeking_partners"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
            "url": record_url("partnerships:municipality_detail", row["id"]),
        }
        for row in rows
    ]


def municipality_projects(municipality_id: int) -> QuerySet[Project]:
    """The public projects a municipality takes part in, as its page lists them (title,
    status), without the goals, sectors and participations the API shows."""
    taking_part = ProjectParticipation.objects.filter(
        project=OuterRef("pk"), municipality_id=municipality_id
    )
    return (
        Project.objects.only(*texts("title"), "status", "is_demo", "starts_on", "created")
        .public()
        .filter(Exists(taking_part))
    )


def map_points(limit: int = 1500) -> dict:
    """Markers and lines of the public map: the live partnerships signed most recently (up to
    ``limit``) with both ends located, and their municipalities. Cached like home_figures."""
    return versioning.cached(
        f"map-points:{limit}",
        ["partnerships.Municipality", "partnerships.Partnership"],
        lambda: _collect_map_points(limit),
    )


def _collect_map_points(limit: int) -> dict:
    links = list(
        Partnership.objects.live()
        .filter(municipality_a__latitude__isnull=False, municipality_b__latitude__isnull=False)
        .order_by(F("signed_on").desc(nulls_last=True), "-pk")
        .values_list("pk", "municipality_a_id", "municipality_b_id", "status")[:limit]
    )
    ids = {a for _pk, a, _b, _s in links} | {b for _pk, _a, b, _s in links}
    towns = Municipality.objects.filter(
        Q(pk__in=ids) | Q(latitude__isnull=False, kind="national_city")
    ).values("pk", "name_ru", "name_ky", "name_en", "latitude", "longitude", "region__country")
    return {
        "municipalities": [
            {
                "id": town["pk"],
                "names": {
                    "ru": town["name_ru"],
                    "ky": town["name_ky"] or town["name_ru"],
                    "en": town["name_en"] or town["name_ru"],
                },
                "lat": float(town["latitude"]),
                "lon": float(town["longitude"]),
                "country": town["region__country"],
            }
            for town in towns
            if town["latitude"] is not None
        ],
        "links": [{"id": pk, "a": a, "b": b, "status": status} for pk, a, b, status in links],
    }
