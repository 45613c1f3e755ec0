"""A list shows each record exactly as its own page does: lists read the ids of many-to-many
links from the link tables for the whole page at once, a record's page through its managers."""

import pytest

from partnerships.models import ActivityType, Goal, Memorandum, Party
from tests.events.factories import EventFactory, WorkingGroupFactory
from tests.exchanges.factories import ExchangeFactory, PartnerRequestFactory
from tests.partnerships.factories import (
    MunicipalityFactory,
    PartnershipFactory,
    ProjectFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked():
    """Two records of each kind: one linked to several others, in an order unlike their ids'
    and unlike the order the list sorts them in, and one linked to nothing."""
    s1, s2, s3, s4 = (SectorFactory(order=order) for order in (3, 1, 4, 2))
    p1, p2 = (
        Party.objects.create(code=f"p{n}", name_ru=f"Сторона {n}", country="KG") for n in (1, 2)
    )
    memorandum = Memorandum.objects.create(slug="m", title_ru="Меморандум")
    g1, g2 = (
        Goal.objects.create(memorandum=memorandum, number=number, short_name_ru=number)
        for number in ("2.2", "2.1")
    )
    a1, a2 = (
        ActivityType.objects.create(memorandum=memorandum, number=number, short_name_ru=number)
        for number in ("3.4", "3.1")
    )
    m1, _unlinked, m3 = MunicipalityFactory(), MunicipalityFactory(), MunicipalityFactory()
    m1.sectors.set([s4, s1, s3])
    m3.sectors.set([s2])
    for record in (PartnershipFactory(), PartnerRequestFactory()):
        record.sectors.set([s4, s1])
    PartnershipFactory(), PartnerRequestFactory()
    for record in (ProjectFactory(), ExchangeFactory()):
        record.goals.set([g1, g2])
        record.activity_types.set([a1, a2])
        record.sectors.set([s3, s2, s1])
    ProjectFactory(), ExchangeFactory()
    event = EventFactory()
    event.goals.set([g2, g1])
    event.activity_types.set([a2])
    event.organising_parties.set([p2, p1])
    event.organising_municipalities.set([m3, m1])
    EventFactory()
    WorkingGroupFactory().parties.set([p2, p1])
    WorkingGroupFactory()


LINKED = {
    "municipalities": ["sectors"],
    "partnerships": ["sectors"],
    "partner-requests": ["sectors"],
    "projects": ["goals", "activity_types", "sectors"],
    "exchanges": ["goals", "activity_types", "sectors"],
    "events": ["goals", "activity_types", "organising_parties", "organising_municipalities"],
    "working-groups": ["parties"],
}


@pytest.mark.parametrize("collection", sorted(LINKED))
def test_each_row_of_a_list_is_the_records_own_representation(linked, coordinator_api, collection):
    rows = coordinator_api.get(f"/api/v1/{collection}/?page_size=50").json()["results"]
    assert len(rows) >= 2
    for row in rows:
        detail = coordinator_api.get(f"/api/v1/{collection}/{row['id']}/")
        assert detail.status_code == 200
        assert row == detail.json()
    # The links are there, several to a record and none to another.
    for name in LINKED[collection]:
        counts = sorted(len(row[name]) for row in rows)
        assert counts[0] == 0 and counts[-1] >= 1, name
