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
    ProjectParticipationFactory,
    RegionFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def _project():
    participation = ProjectParticipationFactory()
    ProjectParticipationFactory(project=participation.project)


def _event():
    ParticipantFactory(event=EventFactory())


def _municipality():
    MunicipalityFactory().sectors.add(SectorFactory())


def _best_practice():
    AdoptionFactory(practice=BestPracticeFactory())


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

    with CaptureQueriesContext(connection) as small:
        assert coordinator_api.get(url, HTTP_CACHE_CONTROL="no-cache").status_code == 200
    for _ in range(27):
        make()
    with django_assert_max_num_queries(len(small)):
        response = coordinator_api.get(url)
    assert response.json()["count"] >= 30
