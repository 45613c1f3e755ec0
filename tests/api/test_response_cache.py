"""API lists rendered once per ETag: repeated reads cost no query, yet a change shows at once,
and no client is given another's representation (core/response_cache.py)."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.events.factories import EventFactory, ParticipantFactory
from tests.partnerships.factories import MunicipalityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_a_repeated_list_is_answered_from_the_cache_without_a_query(
    anon, django_assert_max_num_queries
):
    MunicipalityFactory(name_ru="Нарын")
    first = anon.get("/api/v1/municipalities/")
    with django_assert_max_num_queries(0):
        again = anon.get("/api/v1/municipalities/")
    assert again.status_code == 200
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Content-Type"] == "application/json"
    assert again.json()["results"][0]["name"] == "Нарын"


def test_a_change_shows_at_once_in_a_list_read_before(anon):
    town = MunicipalityFactory(name_ru="Нарын", population=30_000)
    assert anon.get("/api/v1/municipalities/").json()["results"][0]["population"] == 30_000
    town.population = 40_000
    town.save()
    assert anon.get("/api/v1/municipalities/").json()["results"][0]["population"] == 40_000


def test_a_change_of_a_related_record_shows_at_once(anon):
    link = PartnershipFactory()
    anon.get("/api/v1/partnerships/")
    link.municipality_b.name_ru = "Переименован"
    link.municipality_b.save()
    shown = anon.get("/api/v1/partnerships/").json()["results"][0]["municipality_b_summary"]
    assert shown["name"] == "Переименован"


def test_a_new_participant_shows_in_the_events_count_at_once(anon):
    event = EventFactory(is_public=True)
    assert anon.get("/api/v1/events/").json()["results"][0]["participant_count"] == 0
    ParticipantFactory(event=event)
    assert anon.get("/api/v1/events/").json()["results"][0]["participant_count"] == 1


def test_each_language_gets_its_own_list(anon):
    MunicipalityFactory(name_ru="Каракол", name_ky="Каракол шаары", name_en="Karakol")
    names = {
        language: anon.get("/api/v1/municipalities/", {"lang": language}).json()["results"][0][
            "name"
        ]
        for language in ("ru", "en", "ky", "ru")
    }
    assert names == {"ru": "Каракол", "en": "Karakol", "ky": "Каракол шаары"}


def test_an_editors_list_is_never_given_to_anonymous_clients(anon, editor_api, own_municipality):
    EventFactory(host_municipality=own_municipality, is_public=False, title_ru="Черновик")
    editor_titles = [row["title"] for row in editor_api.get("/api/v1/events/").json()["results"]]
    assert editor_titles == ["Черновик"]
    assert anon.get("/api/v1/events/").json()["results"] == []
    # And the other way round.
    assert [row["title"] for row in editor_api.get("/api/v1/events/").json()["results"]] == [
        "Черновик"
    ]


@override_settings(ALLOWED_HOSTS=["api.example.kg", "api.example.ru"])
def test_page_links_name_the_host_the_client_asked(anon):
    MunicipalityFactory.create_batch(2)
    for host in ("api.example.kg", "api.example.ru", "api.example.kg"):
        body = anon.get("/api/v1/municipalities/", {"page_size": 1}, HTTP_HOST=host).json()
        assert body["next"].startswith(f"http://{host}/api/v1/municipalities/")


def test_the_browsable_api_is_not_answered_with_kept_json(anon):
    MunicipalityFactory()
    anon.get("/api/v1/municipalities/")
    page = anon.get("/api/v1/municipalities/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")


@override_settings(RESPONSE_CACHE_SECONDS=0)
def test_with_the_cache_off_every_read_queries(anon):
    MunicipalityFactory()
    anon.get("/api/v1/municipalities/")
    with CaptureQueriesContext(connection) as queries:
        assert anon.get("/api/v1/municipalities/").status_code == 200
    assert len(queries) >= 1
