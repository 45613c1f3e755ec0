"""Reading the API: public records only for anonymous clients, translated fields, filters,
pagination, summaries of related records."""

import pytest

from events.choices import EventStatus
from partnerships.choices import ProjectStatus
from partnerships.models import ActivityType, Goal, Memorandum
from tests.events.factories import EventFactory, ParticipantFactory
from tests.partnerships.factories import (
    MunicipalityFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_anonymous_clients_see_public_records_only(anon):
    public = EventFactory(title_ru="Открытый семинар")
    EventFactory(title_ru="Закрытое совещание", is_public=False)
    ProjectFactory(title_ru="Черновик", status=ProjectStatus.DRAFT)
    visible = ProjectFactory(title_ru="Идёт", status=ProjectStatus.IN_PROGRESS)
    assert [e["id"] for e in results(anon.get("/api/v1/events/"))] == [public.pk]
    assert [p["id"] for p in results(anon.get("/api/v1/projects/"))] == [visible.pk]


def test_participants_and_emails_never_reach_the_public(anon, coordinator_api):
    event = EventFactory()
    ParticipantFactory(event=event, email="secret@example.org")
    listing = anon.get("/api/v1/events/")
    detail = anon.get(f"/api/v1/events/{event.pk}/")
    assert b"secret@example.org" not in listing.content + detail.content
    assert detail.json()["participant_count"] == 1
    assert anon.get(f"/api/v1/events/{event.pk}/participants/").status_code == 401
    staff = coordinator_api.get(f"/api/v1/events/{event.pk}/participants/")
    assert [p["email"] for p in results(staff)] == ["secret@example.org"]


def test_editors_see_participants_of_their_events_only(editor_api, own_municipality):
    mine = EventFactory(host_municipality=own_municipality)
    theirs = EventFactory()
    assert editor_api.get(f"/api/v1/events/{mine.pk}/participants/").status_code == 200
    assert editor_api.get(f"/api/v1/events/{theirs.pk}/participants/").status_code == 403


def test_editors_also_see_their_own_unpublished_records(editor_api, own_municipality):
    hidden = EventFactory(host_municipality=own_municipality, is_public=False)
    EventFactory(is_public=False)
    assert [e["id"] for e in results(editor_api.get("/api/v1/events/"))] == [hidden.pk]


@pytest.mark.parametrize(
    ("params", "headers", "expected"),
    [
        ({}, {"HTTP_ACCEPT_LANGUAGE": "ky"}, "Жумушчу жыйын"),
        ({"lang": "en"}, {"HTTP_ACCEPT_LANGUAGE": "ky"}, "Working meeting"),
        ({}, {"HTTP_ACCEPT_LANGUAGE": "ru"}, "Рабочая встреча"),
    ],
)
def test_translated_fields_in_the_requests_language(anon, params, headers, expected):
    EventFactory(title_ru="Рабочая встреча", title_ky="Жумушчу жыйын", title_en="Working meeting")
    [event] = results(anon.get("/api/v1/events/", params, **headers))
    assert event["title"] == expected
    assert (event["title_ru"], event["title_ky"], event["title_en"]) == (
        "Рабочая встреча",
        "Жумушчу жыйын",
        "Working meeting",
    )


def test_untranslated_field_falls_back_to_russian(anon):
    MunicipalityFactory(name_ru="Токмок", name_ky="", name_en="")
    [town] = results(anon.get("/api/v1/municipalities/", {"lang": "ky"}))
    assert town["name"] == "Токмок" and town["name_ky"] == ""


def test_filters_search_ordering_and_related_summaries(anon):
    kg = MunicipalityFactory(kyrgyz=True, name_ru="Каракол", name_en="Karakol")
    ru = MunicipalityFactory(
        russian=True, name_ru="Кумертау", name_en="Kumertau", population=60_000
    )
    PartnershipFactory(municipality_a=kg, municipality_b=ru)
    other = PartnershipFactory()
    [link] = results(anon.get("/api/v1/partnerships/", {"municipality": kg.pk}))
    assert link["municipality_b"] == ru.pk
    assert link["municipality_b_summary"] == {"id": ru.pk, "name": "Кумертау", "country": "RU"}
    assert [
        m["id"] for m in results(anon.get("/api/v1/municipalities/", {"search": "Kumert"}))
    ] == [ru.pk]
    kyrgyz = {m["id"] for m in results(anon.get("/api/v1/municipalities/", {"country": "KG"}))}
    assert kyrgyz == {kg.pk, other.municipality_a_id}
    names = [
        m["name"]
        for m in results(
            anon.get("/api/v1/municipalities/", {"ordering": "-population", "lang": "en"})
        )
    ]
    assert names[-1] == "Kumertau"


def test_page_size_is_capped(anon):
    for _ in range(3):
        MunicipalityFactory()
    body = anon.get("/api/v1/municipalities/", {"page_size": 2}).json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
    assert len(results(anon.get("/api/v1/municipalities/", {"page_size": 10_000}))) == 3


def test_cancelled_events_stay_listed_with_their_status(anon):
    EventFactory(status=EventStatus.CANCELLED)
    [event] = results(anon.get("/api/v1/events/", {"status": "cancelled"}))
    assert event["status"] == "cancelled"


@pytest.mark.parametrize("prefix", ["goals", "activity-types"])
def test_goals_and_activity_types_filter_by_memorandum_id(anon, prefix, django_assert_num_queries):
    first = Memorandum.objects.create(slug="m1", title_ru="М1", signed_on="2017-06-01")
    second = Memorandum.objects.create(slug="m2", title_ru="М2", signed_on="2020-06-01")
    model = Goal if prefix == "goals" else ActivityType
    model.objects.create(memorandum=first, number="1.1", short_name_ru="Первый")
    model.objects.create(memorandum=second, number="2.1", short_name_ru="Второй")

    with django_assert_num_queries(1):  # the page, no lookup of the memorandum first
        numbers = [
            row["number"] for row in results(anon.get(f"/api/v1/{prefix}/?memorandum={second.pk}"))
        ]
    assert numbers == ["2.1"]
    assert results(anon.get(f"/api/v1/{prefix}/?memorandum=999999")) == []
    wrong = anon.get(f"/api/v1/{prefix}/?memorandum=first", HTTP_ACCEPT_LANGUAGE="ru")
    assert wrong.status_code == 400 and wrong.json() == {"memorandum": ["Введите число."]}
