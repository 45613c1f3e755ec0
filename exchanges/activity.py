"""Keeping MunicipalityActivity and PartnershipActivity true: each municipality's latest hosted
event and exchange, each partnership's latest event, exchange and project.

Every save or delete of an event, exchange or project (and every save of a partnership) refreshes
the municipalities and partnerships it involves, before and after the change, in the same
transaction. A refresh first writes and so locks those rows
(in id order: no deadlock between two refreshes), then reads the latest dates with a statement
of its own: a concurrent change of the same municipality waits for this transaction, and then
reads what it committed, so the last refresh to finish has seen every change before it.

Writes that send no signals (bulk_create, update(), COPY, raw SQL) must call the refresh
functions or ``refresh_all`` themselves; the nightly task ``exchanges.tasks.refresh_activity``
also rebuilds both tables, so such a miss lasts a day at most.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import DateField, DateTimeField, Exists, F, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save, pre_save

from core.query import latest_of
from events.models import Event
from partnerships.choices import ProjectStatus
from partnerships.models import Municipality, Partnership, Project

from .models import Exchange, MunicipalityActivity, PartnershipActivity

BATCH = 1000


def municipality_dates(ids: list[int], *, models=None) -> dict[int, tuple]:
    """Per municipality: (latest start of an event it hosts, latest start of an exchange it
    sends or hosts), None where it has none. ``models`` (Event, Exchange) are the migration's
    historical ones when it fills the table."""
    event, exchange = models or (Event, Exchange)
    events = dict(
        event.objects.filter(host_municipality__in=ids)
        .order_by()
        .values("host_municipality")
        .annotate(latest=Max("starts_at"))
        .values_list("host_municipality", "latest")
    )
    exchanges: dict[int, object] = {}
    for side in ("sending_municipality", "hosting_municipality"):
        for pk, latest in (
            exchange.objects.filter(**{f"{side}__in": ids})
            .order_by()
            .values(side)
            .annotate(latest=Max("starts_on"))
            .values_list(side, "latest")
        ):
            exchanges[pk] = max(latest, exchanges.get(pk, latest))
    return {pk: (events.get(pk), exchanges.get(pk)) for pk in ids}


def refresh_municipalities(municipality_ids: Iterable[int | None]) -> None:
    """Recompute the activity rows of these municipalities from the events and exchanges."""
    ids = sorted({pk for pk in municipality_ids if pk is not None})
    if not ids:
        return
    with transaction.atomic(savepoint=False):
        rows = [MunicipalityActivity(municipality_id=pk) for pk in ids]
        # Creates the missing rows and locks them all (waiting for a concurrent refresh).
        MunicipalityActivity.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["municipality"],
            update_fields=["last_event_at", "last_exchange_on"],
        )
        dates = municipality_dates(ids)
        for row in rows:
            row.last_event_at, row.last_exchange_on = dates[row.municipality_id]
        MunicipalityActivity.objects.bulk_update(rows, ["last_event_at", "last_exchange_on"])


def partnership_dates(ids: list[int], *, models=None) -> dict[int, tuple]:
    """Per partnership: (latest event start, latest exchange start, latest project date, whether
    a project is under way with no end date). ``models`` (Partnership, Event, Exchange, Project)
    are the migration's historical ones when it fills the table."""
    partnership, event, exchange, project = models or (Partnership, Event, Exchange, Project)
    events = event.objects.filter(partnership=OuterRef("pk")).exclude(status="cancelled")
    exchanges = exchange.objects.filter(
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
    projects = project.objects.filter(partnership=OuterRef("pk")).exclude(
        status__in=[ProjectStatus.DRAFT, ProjectStatus.CANCELLED]
    )
    under_way = Q(status=ProjectStatus.IN_PROGRESS, ends_on__isnull=True)
    rows = (
        partnership.objects.filter(pk__in=ids)
        .annotate(
            last_event_at=latest_of(events, F("starts_at"), DateTimeField(), None),
            last_exchange_on=latest_of(exchanges, F("starts_on"), DateField(), None),
            last_project_on=latest_of(
                projects.exclude(under_way), Coalesce("ends_on", "starts_on"), DateField(), None
            ),
            ongoing_project=Exists(projects.filter(under_way)),
        )
        .values_list(
            "pk", "last_event_at", "last_exchange_on", "last_project_on", "ongoing_project"
        )
    )
    return {pk: tuple(dates) for pk, *dates in rows}


def refresh_partnerships(partnership_ids: Iterable[int | None]) -> None:
    """Recompute the activity rows of these partnerships (locked first, as for municipalities)."""
    ids = sorted({pk for pk in partnership_ids if pk is not None})
    if not ids:
        return
    fields = ["last_event_at", "last_exchange_on", "last_project_on", "ongoing_project"]
    with transaction.atomic(savepoint=False):
        # Only partnerships that exist: one may be going with the change that refreshes it.
        existing = list(Partnership.objects.filter(pk__in=ids).values_list("pk", flat=True))
        rows = [PartnershipActivity(partnership_id=pk) for pk in sorted(existing)]
        PartnershipActivity.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["partnership"], update_fields=fields
        )
        dates = partnership_dates(existing)
        for row in rows:
            for name, value in zip(fields, dates[row.partnership_id], strict=True):
                setattr(row, name, value)
        PartnershipActivity.objects.bulk_update(rows, fields)


def _pairs_partnerships(pairs: set[tuple[int, int]]) -> set[int]:
    """Partnerships between the municipalities of each pair, either way round."""
    pairs = {pair for pair in pairs if None not in pair}
    if not pairs:
        return set()
    between = Q()
    for one, other in pairs:
        between |= Q(municipality_a=one, municipality_b=other)
        between |= Q(municipality_a=other, municipality_b=one)
    return set(Partnership.objects.filter(between).values_list("pk", flat=True))


def refresh_all() -> int:
    """Rebuild every municipality's and partnership's row, a batch per transaction; returns how
    many rows it looked at."""
    municipalities = list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(municipalities), BATCH):
        refresh_municipalities(municipalities[start : start + BATCH])
    partnerships = list(Partnership.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(partnerships), BATCH):
        refresh_partnerships(partnerships[start : start + BATCH])
    return len(municipalities) + len(partnerships)


# --- Signals ----------------------------------------------------------------------------------

# What each record involves: the municipalities whose activity it is, and the partnerships whose
# health it counts in (directly, or for an exchange also through its two municipalities).
TRACKED = {
    Event: ("host_municipality_id", "partnership_id"),
    Exchange: ("sending_municipality_id", "hosting_municipality_id", "partnership_id"),
    Project: ("partnership_id",),
    Partnership: ("pk",),
}


def _involved(instance) -> tuple:
    return tuple(getattr(instance, name) for name in TRACKED[type(instance)])


def _refresh(model, states: list[tuple]) -> None:
    """Refresh what the record involved in each of these states (before and after a change)."""
    if model is Partnership:
        refresh_partnerships(state[0] for state in states)
        return
    if model is Event:
        refresh_municipalities(state[0] for state in states)
    elif model is Exchange:
        refresh_municipalities(pk for state in states for pk in state[:2])
    partnerships = {state[-1] for state in states}
    if model is Exchange:
        partnerships |= _pairs_partnerships({state[:2] for state in states})
    refresh_partnerships(partnerships)


def _before_save(sender, instance, raw=False, **kwargs) -> None:
    # A change may move the record away from a municipality or partnership: refresh those too.
    instance._activity_before = []
    if (
        not raw
        and instance.pk is not None
        and not instance._state.adding
        and sender is not Partnership
    ):
        instance._activity_before = list(
            sender.objects.filter(pk=instance.pk).values_list(*TRACKED[sender])
        )


def _after_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # fixtures: the rows they refer to may not be loaded yet; refresh_all after
        return
    _refresh(sender, [_involved(instance), *getattr(instance, "_activity_before", [])])


def _after_delete(sender, instance, **kwargs) -> None:
    if sender is not Partnership:  # a partnership's own row goes with it
        _refresh(sender, [_involved(instance)])


def connect() -> None:
    for model in TRACKED:
        uid = f"activity-{model._meta.label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-delete")
