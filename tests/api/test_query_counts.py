"""Every list endpoint runs the same number of queries for 3 rows and for 30."""

import pytest

from tests.events.factories import EventFactory, ParticipantFactory
from tests.exchanges.factories import (
    AdoptionFactory,
    BestPracticeFactory,
    ExchangeFactory,
    PartnerRequestFactory,
)
from tests.partnerships.factories import (
    MunicipalityFactory,
    PartnershipFactory,
    ProjectFactory,
    ProjectParticipationFactory,
    RegionFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def _project():
    participation = ProjectParticipationFactory(
        project=ProjectFactory(partnership=PartnershipFactory())
    )
    ProjectParticipationFactory(project=participation.project)


def _event():
    ParticipantFactory(event=EventFactory())


def _municipality():
    MunicipalityFactory().sectors.add(SectorFactory())


def _best_practice():
    AdoptionFactory(practice=BestPracticeFactory())


def _party():
    from partnerships.models import Party

    n = Party.objects.count()
    return Party.objects.create(code=f"party-{n}", name_ru=f"Сторона {n}", country="KG")


def _memorandum():
    from partnerships.models import Memorandum, Signatory

    n = Memorandum.objects.count()
    memorandum = Memorandum.objects.create(slug=f"m-{n}", title_ru=f"Меморандум {n}")
    Signatory.objects.create(memorandum=memorandum, party=_party(), person_name_ru="Подписант")
    return memorandum


def _goal():
    from partnerships.models import ActivityType, Goal

    memorandum = _memorandum()
    Goal.objects.create(memorandum=memorandum, number="2.1", short_name_ru="Цель", text_ru="Текст")
    ActivityType.objects.create(
        memorandum=memorandum, number="3.1", short_name_ru="Вид", text_ru="Текст"
    )


def _working_group():
    from tests.events.factories import WorkingGroupFactory

    EventFactory(working_group=WorkingGroupFactory())


ENDPOINTS = {
    "regions": RegionFactory,
    "sectors": SectorFactory,
    "municipalities": _municipality,
    "partnerships": PartnershipFactory,
    "projects": _project,
    "events": _event,
    "exchanges": ExchangeFactory,
    "best-practices": _best_practice,
    "partner-requests": PartnerRequestFactory,
    "parties": _party,
    "memoranda": _memorandum,
    "goals": _goal,
    "activity-types": _goal,
    "working-groups": _working_group,
}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_queries_do_not_grow_with_the_page(
    endpoint, coordinator_api, django_assert_max_num_queries
):
    make = ENDPOINTS[endpoint]
    url = f"/api/v1/{endpoint}/?page_size=100"
    for _ in range(3):
        make()
    coordinator_api.get(url)  # the user's role, cached on first use
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make()  # a change: the list is rendered afresh, not answered from the response cache
    with CaptureQueriesContext(connection) as small:
        assert coordinator_api.get(url).status_code == 200
    assert len(small) > 0
    for _ in range(26):
        make()
    with django_assert_max_num_queries(len(small)):
        response = coordinator_api.get(url)
    assert response.json()["count"] >= 30


def test_participant_list_queries_do_not_grow(coordinator_api, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = EventFactory()
    url = f"/api/v1/events/{event.pk}/participants/?page_size=100"
    for _ in range(3):
        ParticipantFactory(event=event, municipality=MunicipalityFactory())
    coordinator_api.get(url)
    with CaptureQueriesContext(connection) as small:
        coordinator_api.get(url)
    for _ in range(27):
        ParticipantFactory(event=event, municipality=MunicipalityFactory())
    with django_assert_max_num_queries(len(small)):
        assert coordinator_api.get(url).json()["count"] == 30
