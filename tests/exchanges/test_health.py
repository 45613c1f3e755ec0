"""Partnership health: active with an event, exchange or project in the window, else dormant;
computed in the query and shown (and filterable) in the admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.choices import Health, ProjectStatus
from partnerships.models import Partnership
from partnerships.selectors import partnership_list, with_health
from tests.events.factories import EventFactory
from tests.exchanges.factories import ExchangeFactory
from tests.partnerships.factories import PartnershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def health_of(partnership) -> str:
    return with_health(Partnership.objects.filter(pk=partnership.pk)).get().health


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def test_a_partnership_without_anything_is_dormant():
    assert health_of(PartnershipFactory()) == Health.DORMANT


def test_a_recent_event_makes_it_active_an_old_one_does_not():
    recent, old = PartnershipFactory(), PartnershipFactory()
    now = timezone.now()
    for days in (300, 400, 500):  # several events: the latest one counts
        EventFactory(
            partnership=recent,
            starts_at=now - datetime.timedelta(days=days),
            ends_at=now - datetime.timedelta(days=days),
        )
    EventFactory(
        partnership=old,
        starts_at=now - datetime.timedelta(days=800),
        ends_at=now - datetime.timedelta(days=800),
    )
    assert health_of(recent) == Health.ACTIVE
    assert health_of(old) == Health.DORMANT
    latest = with_health(Partnership.objects.filter(pk=recent.pk)).get().last_activity_on
    assert latest == timezone.localdate(now - datetime.timedelta(days=300))
    latest = with_health(Partnership.objects.filter(pk=recent.pk)).get().last_activity_on
    assert latest == timezone.localdate(now - datetime.timedelta(days=300))


def test_an_exchange_between_the_two_counts_even_without_a_link(settings):
    partnership = PartnershipFactory()
    ExchangeFactory(
        sending_municipality=partnership.municipality_b,
        hosting_municipality=partnership.municipality_a,
        starts_on=days_ago(30),
        ends_on=days_ago(25),
    )
    assert health_of(partnership) == Health.ACTIVE
    settings.PARTNERSHIP_ACTIVE_WINDOW_MONTHS = 0
    assert health_of(partnership) == Health.DORMANT


def test_a_project_under_way_counts_as_activity_today():
    partnership = PartnershipFactory()
    ProjectFactory(
        partnership=partnership,
        status=ProjectStatus.IN_PROGRESS,
        starts_on=days_ago(2000),
        ends_on=None,
    )
    draft = PartnershipFactory()
    ProjectFactory(partnership=draft, status=ProjectStatus.DRAFT, starts_on=days_ago(10))
    assert health_of(partnership) == Health.ACTIVE
    assert health_of(draft) == Health.DORMANT


def test_health_costs_no_query_per_partnership(django_assert_max_num_queries):
    for _ in range(3):
        EventFactory(partnership=PartnershipFactory())
    with django_assert_max_num_queries(2):
        small = [p.health for p in partnership_list()]
    for _ in range(12):
        ExchangeFactory(partnership=PartnershipFactory())
    with django_assert_max_num_queries(2):
        large = [p.health for p in partnership_list()]
    assert len(small) == 3 and len(large) == 15


def test_admin_lists_and_filters_by_health(coordinator_client):
    active = PartnershipFactory()
    ExchangeFactory(partnership=active, starts_on=days_ago(10), ends_on=days_ago(5))
    dormant = PartnershipFactory()
    url = reverse("admin:partnerships_partnership_changelist")
    page = coordinator_client.get(url, {"health": "dormant"}).text
    assert str(dormant.municipality_b) in page and str(active.municipality_b) not in page
    page = coordinator_client.get(url, {"health": "active"}).text
    assert str(active.municipality_b) in page and str(dormant.municipality_b) not in page


def _recent_event(partnership):
    starts = timezone.now() - datetime.timedelta(days=30)
    return EventFactory(
        partnership=partnership, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )


def test_health_follows_events_moved_cancelled_and_deleted():
    first, second = PartnershipFactory(), PartnershipFactory()
    event = _recent_event(first)
    assert (health_of(first), health_of(second)) == (Health.ACTIVE, Health.DORMANT)
    event.partnership = second
    event.save()
    assert (health_of(first), health_of(second)) == (Health.DORMANT, Health.ACTIVE)
    event.status = "cancelled"
    event.save()
    assert health_of(second) == Health.DORMANT
    _recent_event(first).delete()
    assert health_of(first) == Health.DORMANT


def test_health_follows_exchanges_and_partnerships_that_change_their_municipalities():
    linked, other = PartnershipFactory(), PartnershipFactory()
    exchange = ExchangeFactory(
        sending_municipality=linked.municipality_a,
        hosting_municipality=linked.municipality_b,
        starts_on=days_ago(30),
        ends_on=days_ago(25),
    )
    assert (health_of(linked), health_of(other)) == (Health.ACTIVE, Health.DORMANT)
    # The exchange turns out to have been between the other partnership's municipalities.
    exchange.sending_municipality = other.municipality_b
    exchange.hosting_municipality = other.municipality_a
    exchange.save()
    assert (health_of(linked), health_of(other)) == (Health.DORMANT, Health.ACTIVE)
    # The other partnership is corrected to link different municipalities.
    other.municipality_b = linked.municipality_b
    other.save()
    assert health_of(other) == Health.DORMANT
    exchange.delete()
    assert (health_of(linked), health_of(other)) == (Health.DORMANT, Health.DORMANT)


def test_health_follows_projects_as_they_start_end_and_go():
    partnership = PartnershipFactory()
    project = ProjectFactory(
        partnership=partnership,
        status=ProjectStatus.COMPLETED,
        starts_on=days_ago(2000),
        ends_on=days_ago(1900),
    )
    assert health_of(partnership) == Health.DORMANT
    project.status, project.ends_on = ProjectStatus.IN_PROGRESS, None
    project.save()
    assert health_of(partnership) == Health.ACTIVE
    project.delete()
    assert health_of(partnership) == Health.DORMANT


def test_a_partnership_deleted_with_its_activity_leaves_the_records(coordinator_client):
    partnership = PartnershipFactory()
    event = _recent_event(partnership)
    partnership.delete()
    event.refresh_from_db()
    assert event.partnership is None
