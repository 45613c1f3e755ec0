"""Keeping MunicipalityActivity true: each municipality's latest hosted event and latest exchange.

Every save or delete of an event or exchange refreshes the municipalities it involves, before
and after the change, in the same transaction. A refresh first writes and so locks those rows
(in id order: no deadlock between two refreshes), then reads the latest dates with a statement
of its own: a concurrent change of the same municipality waits for this transaction, and then
reads what it committed, so the last refresh to finish has seen every change before it.

Writes that send no signals (bulk_create, update(), COPY, raw SQL) must call ``refresh`` or
``refresh_all`` themselves; the nightly task ``exchanges.tasks.refresh_municipality_activity``
also rebuilds the whole table, so such a miss lasts a day at most.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_delete, post_save, pre_save

from events.models import Event
from partnerships.models import Municipality

from .models import Exchange, MunicipalityActivity

BATCH = 1000


def refresh(municipality_ids: Iterable[int | None]) -> None:
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
        events = dict(
            Event.objects.filter(host_municipality__in=ids)
            .order_by()
            .values("host_municipality")
            .annotate(latest=Max("starts_at"))
            .values_list("host_municipality", "latest")
        )
        exchanges: dict[int, object] = {}
        for side in ("sending_municipality", "hosting_municipality"):
            for pk, latest in (
                Exchange.objects.filter(**{f"{side}__in": ids})
                .order_by()
                .values(side)
                .annotate(latest=Max("starts_on"))
                .values_list(side, "latest")
            ):
                exchanges[pk] = max(latest, exchanges.get(pk, latest))
        for row in rows:
            row.last_event_at = events.get(row.municipality_id)
            row.last_exchange_on = exchanges.get(row.municipality_id)
        MunicipalityActivity.objects.bulk_update(rows, ["last_event_at", "last_exchange_on"])


def refresh_all() -> int:
    """Rebuild every municipality's row, a batch of municipalities per transaction; returns how
    many municipalities it looked at."""
    ids = list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        refresh(ids[start : start + BATCH])
    return len(ids)


# --- Signals ----------------------------------------------------------------------------------

SIDES = {
    Event: ("host_municipality_id",),
    Exchange: ("sending_municipality_id", "hosting_municipality_id"),
}


def _involved(instance) -> set[int]:
    return {getattr(instance, side) for side in SIDES[type(instance)]}


def _before_save(sender, instance, raw=False, **kwargs) -> None:
    # A change may move the record away from a municipality: refresh that one too.
    instance._activity_before = set()
    if not raw and instance.pk is not None and not instance._state.adding:
        for row in sender.objects.filter(pk=instance.pk).values_list(*SIDES[sender]):
            instance._activity_before.update(row)


def _after_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # fixtures: the rows they refer to may not be loaded yet; refresh_all after
        return
    refresh(_involved(instance) | getattr(instance, "_activity_before", set()))


def _after_delete(sender, instance, **kwargs) -> None:
    refresh(_involved(instance))


def connect() -> None:
    for model in SIDES:
        uid = f"activity-{model._meta.label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-delete")
