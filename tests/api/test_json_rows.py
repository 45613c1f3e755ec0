"""API list pages written by PostgreSQL (core.api.json_rows) are what DRF's serializers write.

Every list is compiled (none falls back to DRF unnoticed), and for records with the values that
are easy to get wrong — times with and without a fraction of a second, empty translations, null
relations, decimals, text that JSON must escape, custom reminder times, nested lists whose order
is not their ids' — the page is the same JSON, in each language, for the public and for a
coordinator, with the same count and links.
"""

import datetime
import json
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.api import json_rows
from core.api.viewsets import PortalModelViewSet
from events.api.urls import router as events_router
from exchanges.api.urls import router as exchanges_router
from partnerships.api.urls import router as partnerships_router
from partnerships.models import Memorandum, Municipality, Party, Signatory
from tests.events.factories import AgendaItemFactory, EventFactory, WorkingGroupFactory
from tests.exchanges.factories import (
    AdoptionFactory,
    BestPracticeFactory,
    ExchangeFactory,
    PartnerRequestAnswerFactory,
    PartnerRequestFactory,
)
from tests.partnerships.factories import (
    MunicipalityFactory,
    PartnershipFactory,
    ProjectFactory,
    ProjectParticipationFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

# Quotes, a backslash, control characters, the two separators JavaScript forbids in strings,
# and a character outside the Basic Multilingual Plane.
TRICKY = 'Кавычки "ёлочки" и \\ обратная черта\nновая строка\tтаб \x01 \u2028 \u2029 🌄'

VIEWSETS = [
    (prefix, viewset)
    for router in (partnerships_router, events_router, exchanges_router)
    for prefix, viewset, _basename in router.registry
    if issubclass(viewset, PortalModelViewSet)
]


def test_every_list_of_the_api_is_written_by_the_database():
    request = Request(APIRequestFactory().get("/"))
    with timezone.override(datetime.UTC):
        errors = {
            prefix: json_rows.compile_error(
                viewset.serializer_class, viewset().base_queryset(), request
            )
            for prefix, viewset in VIEWSETS
        }
    assert {prefix: error for prefix, error in errors.items() if error} == {}
    assert len(errors) == 14


@pytest.fixture
def edge_records():
    """Records of every listed kind with values that are easy to write wrongly."""
    whole_second = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)
    with_fraction = datetime.datetime(2026, 3, 1, 9, 30, 5, 120000, tzinfo=datetime.UTC)
    tourism, education = SectorFactory(order=2, name_ky=""), SectorFactory(order=1)
    bishkek = MunicipalityFactory(
        kyrgyz=True,
        name_ru="Бишкек",
        name_ky="Бишкек шаары",
        name_en="",
        description_ru=TRICKY,
        latitude=Decimal("42.874621"),
        longitude=Decimal("74.569762"),
        area_km2=Decimal("169.90"),
    )
    Municipality.objects.filter(pk=bishkek.pk).update(emblem="images/2026/0a1b2c3d.png")
    bishkek.sectors.set([tourism, education])
    kazan = MunicipalityFactory(russian=True, name_ky="", name_en="Kazan", population=None)
    Municipality.objects.filter(pk=kazan.pk).update(updated=whole_second)
    link = PartnershipFactory(municipality_a=bishkek, municipality_b=kazan, title_ru=TRICKY)
    link.sectors.set([tourism])
    PartnershipFactory(municipality_a=MunicipalityFactory(kyrgyz=True, name_ky=""))
    project = ProjectFactory(
        partnership=link, budget=Decimal("1234567.50"), currency="KGS", title_ky=""
    )
    ProjectParticipationFactory(project=project, municipality=kazan, role="lead")
    ProjectParticipationFactory(project=project, municipality=bishkek)
    ProjectFactory(partnership=None, budget=None)
    group = WorkingGroupFactory(name_ky="", description_ru=TRICKY)
    meeting = EventFactory(
        host_municipality=None,
        working_group=group,
        partnership=link,
        starts_at=with_fraction,
        ends_at=with_fraction + datetime.timedelta(hours=2),
        reminder_offsets=[90, 1440, 60, 1440, 2880],
        title_en="",
        venue_ru=TRICKY,
    )
    AgendaItemFactory(event=meeting, order=2, starts_at=datetime.time(11, 0))
    AgendaItemFactory(event=meeting, order=1, starts_at=datetime.time(10, 15, 30, 250))
    AgendaItemFactory(event=meeting, order=1, starts_at=None, title_ru=TRICKY)
    EventFactory(starts_at=whole_second, ends_at=whole_second, reminders_enabled=False)
    EventFactory(reminder_offsets=None)
    ExchangeFactory(sending_municipality=bishkek, hosting_municipality=kazan, partnership=link)
    practice = BestPracticeFactory(municipality=bishkek, sector=tourism, body_ru=TRICKY)
    AdoptionFactory(practice=practice, adopted_on=datetime.date(2026, 2, 1), result_ru="Итог")
    AdoptionFactory(practice=practice, adopted_on=None)
    AdoptionFactory(practice=practice, adopted_on=datetime.date(2026, 2, 1))
    BestPracticeFactory()
    request = PartnerRequestFactory(municipality=bishkek, purpose_ru=TRICKY)
    request.sectors.set([education, tourism])
    PartnerRequestAnswerFactory(request=request)
    PartnerRequestAnswerFactory(request=request)
    PartnerRequestFactory()
    union = Party.objects.create(code="sgr", name_ru="Союз городов России", country="RU")
    agency = Party.objects.create(
        code="gamsumo", name_ru="Агентство", abbreviation_ru="ГАМСУМО", country="KG"
    )
    memorandum = Memorandum.objects.create(
        slug="m-2017",
        title_ru="Меморандум",
        text_ru=TRICKY,
        signed_on=datetime.date(2017, 6, 1),
        languages=["ru", "ky"],
        status="in_force",
    )
    Signatory.objects.create(memorandum=memorandum, party=union, person_name="А", order=2)
    Signatory.objects.create(memorandum=memorandum, party=agency, person_name="Б", order=1)


def _get(client, url: str, *, in_database: bool):
    # Not from the response cache: each way renders its own page.
    off = override_settings(API_LISTS_IN_DATABASE=in_database, RESPONSE_CACHE_SECONDS=0)
    with off, CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    # The page statement, or its execution once the connection has prepared it.
    written = any(
        "row_to_json" in query["sql"] or query["sql"].startswith("EXECUTE portal_")
        for query in queries.captured_queries
    )
    assert written == in_database, url
    return response


@pytest.mark.parametrize("collection", [prefix for prefix, _viewset in VIEWSETS])
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_a_list_written_by_the_database_is_the_json_drf_writes(
    edge_records, anon, coordinator_api, collection, language
):
    for client in (anon, coordinator_api):
        url = f"/api/v1/{collection}/?lang={language}"
        database = _get(client, url, in_database=True)
        drf = _get(client, url, in_database=False)
        assert database["Content-Type"] == drf["Content-Type"] == "application/json"
        assert database.json() == drf.json()
        assert json.dumps(database.json()) == json.dumps(drf.json())  # the keys in one order


def test_pages_counts_and_links_are_drfs(edge_records, anon):
    # Links only where there is a page after or before: sizes that split the 3 events evenly,
    # unevenly and not at all.
    for size, page in (("3", "1"), ("2", "1"), ("2", "2"), ("4", "1")):
        url = f"/api/v1/events/?page_size={size}&page={page}"
        database = _get(anon, url, in_database=True).json()
        assert database == _get(anon, url, in_database=False).json(), url
    for page in ("1", "2", "3"):
        url = f"/api/v1/events/?page_size=1&page={page}"
        database = _get(anon, url, in_database=True).json()
        assert database == _get(anon, url, in_database=False).json()
    assert database["count"] == 3
    assert database["previous"].endswith("/api/v1/events/?page=2&page_size=1")
    assert database["next"] is None


def test_a_page_past_the_end_and_the_last_page_are_answered_as_drf_answers_them(edge_records, anon):
    beyond = anon.get("/api/v1/events/?page_size=2&page=9&lang=en")
    assert beyond.status_code == 404
    assert beyond.json() == {"detail": "Invalid page."}
    last = anon.get("/api/v1/events/?page_size=2&page=last")
    assert last.status_code == 200 and len(last.json()["results"]) == 1


def test_text_is_escaped_as_drf_escapes_it(edge_records, anon):
    body = _get(anon, "/api/v1/partnerships/", in_database=True).content
    assert b"\\u2028" in body and b"\\u2029" in body and "\u2028".encode() not in body
    titles = [row["title"] for row in json.loads(body)["results"]]
    assert TRICKY in titles


def test_values_that_are_easy_to_get_wrong_are_right(edge_records, anon):
    events = _get(anon, "/api/v1/events/?lang=en&ordering=starts_at", in_database=True).json()
    meeting, off, default = sorted(events["results"], key=lambda row: row["id"])
    assert meeting["starts_at"] == "2026-03-01T09:30:05.120000Z"
    assert off["starts_at"] == "2026-03-01T09:30:00Z"
    assert meeting["title"] == meeting["title_ru"] and meeting["title_en"] == ""
    assert meeting["host_municipality"] is None and meeting["host_municipality_summary"] is None
    assert meeting["reminder_times"] == "2d, 1d, 90m, 1h"
    assert off["reminder_times"] == "" and default["reminder_times"] == "7d, 1d, 2h"
    assert [(item["order"], item["starts_at"]) for item in meeting["agenda"]] == [
        (1, "10:15:30.000250"),
        (1, None),
        (2, "11:00:00"),
    ]
    assert meeting["ical_uid"] == f"event-{meeting['id']}@memorandum-portal.local"
    towns = _get(anon, "/api/v1/municipalities/?lang=en", in_database=True).json()["results"]
    bishkek = next(town for town in towns if town["name_ru"] == "Бишкек")
    assert bishkek["name"] == "Бишкек"  # no English name: the Russian one
    assert bishkek["latitude"] == "42.874621" and bishkek["area_km2"] == "169.90"
    assert bishkek["emblem"] == "http://testserver/media/images/2026/0a1b2c3d.png"
    projects = _get(anon, "/api/v1/projects/", in_database=True).json()["results"]
    budgets = {row["budget"] for row in projects}
    assert budgets == {"1234567.50", None}


def test_the_database_writes_a_list_in_one_query_whatever_its_size(edge_records, anon):
    for size in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            response = anon.get(f"/api/v1/projects/?page_size={size}")
        assert response.status_code == 200
        assert len(queries.captured_queries) == 1


def test_indented_json_and_the_browsable_api_still_work(edge_records, anon):
    indented = anon.get("/api/v1/regions/", HTTP_ACCEPT="application/json; indent=2")
    assert indented.content.startswith(b'{\n  "count"')
    browsable = anon.get("/api/v1/regions/", HTTP_ACCEPT="text/html")
    assert browsable.status_code == 200 and b"<html" in browsable.content


def test_a_filter_no_row_can_match_gives_an_empty_page(edge_records, anon):
    """The ORM writes no SQL for such a filter (found by schemathesis: a 500)."""
    for in_database in (True, False):
        with override_settings(API_LISTS_IN_DATABASE=in_database, RESPONSE_CACHE_SECONDS=0):
            page = anon.get("/api/v1/events/?municipality=-4.3e%2B259")
        assert page.status_code == 200
        assert page.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_compiled_lists_of_past_days_are_let_go(edge_records, anon):
    """A plan is kept per day (health is measured from it); a long-running worker keeps one
    day's plans, not every day's."""
    now = datetime.datetime.now(tz=datetime.UTC)
    with override_settings(RESPONSE_CACHE_SECONDS=0):
        for days in (0, 1, 2):
            with time_machine.travel(now + datetime.timedelta(days=days), tick=False):
                assert anon.get("/api/v1/partnerships/").status_code == 200
                assert anon.get("/api/v1/regions/").status_code == 200
        # Read before override_settings ends: a changed setting clears the plans too.
        days_kept = {key[5] for key in json_rows._PLANS}
    assert days_kept == {(now + datetime.timedelta(days=2)).date()}
