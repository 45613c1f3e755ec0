"""Who counts as active in partner suggestions follows every change of events and exchanges:
moved, deleted and concurrent ones, and rows loaded without signals after the nightly rebuild."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from events.models import Event
from exchanges.suggestions import WEIGHT_ACTIVE, suggest_partners
from exchanges.tasks import refresh_activity
from tests.events.factories import EventFactory
from tests.exchanges.factories import ExchangeFactory
from tests.partnerships.factories import MunicipalityFactory, RegionFactory, SectorFactory

RECENT = datetime.timedelta(days=30)
LONG_AGO = datetime.timedelta(days=3 * 365)


@pytest.fixture
def towns():
    """Osh, and three Russian towns alike in every way: R is never active."""
    tourism = SectorFactory()
    kg, ru = RegionFactory(country="KG"), RegionFactory(country="RU")
    made = {}
    for name, region in (("Osh", kg), ("P", ru), ("Q", ru), ("R", ru)):
        made[name] = MunicipalityFactory(name=name, name_ru=name, region=region, population=100_000)
        made[name].sectors.set([tourism])
    return made


def _bonus(towns) -> dict[str, float]:
    """How much more P and Q score than R: their activity bonus."""
    names = {town.pk: name for name, town in towns.items()}
    scores = {
        names[s.municipality.pk]: s.score for s in suggest_partners(municipality=towns["Osh"])
    }
    return {name: round(scores[name] - scores["R"], 3) for name in ("P", "Q")}


def _event(host, ago: datetime.timedelta) -> Event:
    starts = timezone.now() - ago
    return EventFactory(
        host_municipality=host, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )


@pytest.mark.django_db
def test_an_event_moved_to_another_host_takes_the_activity_along(towns):
    event = _event(towns["P"], RECENT)
    assert _bonus(towns) == {"P": WEIGHT_ACTIVE, "Q": 0}
    event.host_municipality = towns["Q"]
    event.save()
    assert _bonus(towns) == {"P": 0, "Q": WEIGHT_ACTIVE}


@pytest.mark.django_db
def test_an_event_deleted_or_moved_out_of_the_window_no_longer_counts(towns):
    recent, other = _event(towns["P"], RECENT), _event(towns["Q"], RECENT)
    recent.delete()
    assert _bonus(towns) == {"P": 0, "Q": WEIGHT_ACTIVE}
    other.starts_at = timezone.now() - LONG_AGO
    other.ends_at = other.starts_at + datetime.timedelta(hours=2)
    other.save()
    assert _bonus(towns) == {"P": 0, "Q": 0}


@pytest.mark.django_db
def test_an_exchange_counts_for_the_town_that_sends_and_the_one_that_hosts(towns):
    today = timezone.localdate()
    ExchangeFactory(
        sending_municipality=towns["P"],
        hosting_municipality=towns["Osh"],
        starts_on=today - RECENT,
        ends_on=today - RECENT + datetime.timedelta(days=5),
    )
    assert _bonus(towns) == {"P": WEIGHT_ACTIVE, "Q": 0}
    exchange = ExchangeFactory(
        sending_municipality=towns["Osh"],
        hosting_municipality=towns["Q"],
        starts_on=today - LONG_AGO,
        ends_on=today - LONG_AGO + datetime.timedelta(days=5),
    )
    assert _bonus(towns) == {"P": WEIGHT_ACTIVE, "Q": 0}
    exchange.starts_on, exchange.ends_on = today, today + datetime.timedelta(days=5)
    exchange.save()
    assert _bonus(towns) == {"P": WEIGHT_ACTIVE, "Q": WEIGHT_ACTIVE}


@pytest.mark.django_db
def test_rows_loaded_without_signals_count_after_the_nightly_rebuild(towns):
    starts = timezone.now() - RECENT
    template = EventFactory.build(
        host_municipality=towns["Q"], starts_at=starts, ends_at=starts + datetime.timedelta(1)
    )
    Event.objects.bulk_create([template])
    assert _bonus(towns) == {"P": 0, "Q": 0}
    refresh_activity()
    assert _bonus(towns) == {"P": 0, "Q": WEIGHT_ACTIVE}
    # Beat runs the rebuild every night (coordinators can change when under Periodic tasks).
    nightly = PeriodicTask.objects.get(task="exchanges.tasks.refresh_activity")
    assert nightly.enabled and nightly.crontab.hour == "3"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_adding_events_of_one_town_at_once_leave_it_active(towns):
    # The first editor's recent event is not yet committed when the second saves an old one: the
    # second waits, then reads the first's event; were it to read before waiting, it would
    # store the old date as the latest and the town would lose its activity.
    first_saved, second_started = threading.Event(), threading.Event()
    errors = []

    def first():
        try:
            with transaction.atomic():
                _event(towns["P"], RECENT)
                first_saved.set()
                second_started.wait(10)
                threading.Event().wait(0.5)  # the second is now waiting for this commit
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    def second():
        try:
            first_saved.wait(10)
            second_started.set()
            with transaction.atomic():
                _event(towns["P"], LONG_AGO)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert _bonus(towns) == {"P": WEIGHT_ACTIVE, "Q": 0}
