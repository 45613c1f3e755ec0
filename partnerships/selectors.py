"""The read side of the partnerships app: querysets shaped for their pages and endpoints.

Partnership health is computed in the query (annotations), never row by row: a partnership is
"active" when an event, exchange or project of it falls within the last
PARTNERSHIP_ACTIVE_WINDOW_MONTHS months (or later), "dormant" otherwise. Counted are events and
projects linked to the partnership, and exchanges linked to it or between its two municipalities
(either way round).
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    DateField,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from .choices import Health, ProjectStatus
from .models import (
    Memorandum,
    Municipality,
    Partnership,
    Project,
    ProjectParticipation,
    Signatory,
)

# Stands in for "no activity at all" so that GREATEST behaves the same on every database.
NO_ACTIVITY = datetime.date(1900, 1, 1)


def activity_cutoff(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return today - relativedelta(months=settings.PARTNERSHIP_ACTIVE_WINDOW_MONTHS)


def _latest(queryset: QuerySet, expression) -> Coalesce:
    """The latest date of the related rows, or NO_ACTIVITY."""
    latest = (
        queryset.annotate(_group=Value(1))
        .values("_group")
        .annotate(latest=Max(expression))
        .values("latest")
    )
    return Coalesce(Subquery(latest, output_field=DateField()), Value(NO_ACTIVITY))


def with_health(queryset: QuerySet[Partnership], today: datetime.date | None = None) -> QuerySet:
    """Annotate ``last_activity_on`` and ``health`` ("active" / "dormant")."""
    today = today or timezone.localdate()
    Event = apps.get_model("events", "Event")
    Exchange = apps.get_model("exchanges", "Exchange")
    Project = apps.get_model("partnerships", "Project")
    events = Event.objects.filter(partnership=OuterRef("pk")).exclude(status="cancelled")
    exchanges = Exchange.objects.filter(
        Q(partnership=OuterRef("pk"))
        | Q(
            sending_municipality=OuterRef("municipality_a"),
            hosting_municipality=OuterRef("municipality_b"),
        )
        | Q(
            sending_municipality=OuterRef("municipality_b"),
            hosting_municipality=OuterRef("municipality_a"),
        )
    )
    projects = Project.objects.filter(partnership=OuterRef("pk")).exclude(
        status__in=[ProjectStatus.DRAFT, ProjectStatus.CANCELLED]
    )
    # A project still under way counts as activity today.
    project_date = Case(
        When(status=ProjectStatus.IN_PROGRESS, ends_on__isnull=True, then=Value(today)),
        default=Coalesce("ends_on", "starts_on"),
        output_field=DateField(),
    )
    return queryset.annotate(
        last_activity_on=Greatest(
            _latest(events, TruncDate("starts_at")),
            _latest(exchanges, F("starts_on")),
            _latest(projects, project_date),
            output_field=DateField(),
        ),
    ).annotate(
        health=Case(
            When(last_activity_on__gte=activity_cutoff(today), then=Value(Health.ACTIVE)),
            default=Value(Health.DORMANT),
            output_field=CharField(),
        )
    )


def partnership_list() -> QuerySet[Partnership]:
    """Partnerships with both municipalities, their regions, sectors and their health."""
    return with_health(
        Partnership.objects.select_related(
            "municipality_a__region", "municipality_b__region"
        ).prefetch_related("sectors")
    )


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.select_related("region").prefetch_related("sectors")


def memorandum_list() -> QuerySet[Memorandum]:
    return Memorandum.objects.prefetch_related(
        Prefetch("signatories", queryset=Signatory.objects.select_related("party"))
    )


def project_list() -> QuerySet[Project]:
    return Project.objects.select_related("partnership").prefetch_related(
        "goals",
        "activity_types",
        "sectors",
        Prefetch(
            "participations",
            queryset=ProjectParticipation.objects.select_related("municipality__region"),
        ),
    )
