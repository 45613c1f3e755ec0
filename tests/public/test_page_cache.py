"""Public pages kept for anonymous visitors until the portal's data or the day changes
(core/response_cache.py)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.factories import EventFactory
from tests.partnerships.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_a_page_read_again_costs_no_query(client, django_assert_max_num_queries):
    MunicipalityFactory(name_ru="Нарын")
    first = client.get("/ru/municipalities/")
    with django_assert_max_num_queries(0):
        again = client.get("/ru/municipalities/")
    assert again.status_code == 200 and again.content == first.content
    assert again["Content-Type"] == "text/html; charset=utf-8"
    assert "Content-Security-Policy" in again and again["Content-Language"] == "ru"


def test_a_change_shows_at_once(client):
    town = MunicipalityFactory(name_ru="Нарын")
    assert "Нарын" in client.get("/ru/municipalities/").text
    town.name_ru = "Нарын шаары"
    town.save()
    assert "Нарын шаары" in client.get("/ru/municipalities/").text


def test_a_change_in_another_app_shows_on_the_home_page(client):
    client.get("/ru/")
    EventFactory(is_public=True, title_ru="Форум городов")
    assert "Форум городов" in client.get("/ru/").text


def test_each_language_and_query_is_its_own_page(client):
    MunicipalityFactory(name_ru="Каракол", name_en="Karakol")
    MunicipalityFactory(name_ru="Ош", name_en="Osh")
    assert "Karakol" in client.get("/en/municipalities/").text
    assert "Каракол" in client.get("/ru/municipalities/").text
    found = client.get("/ru/municipalities/", {"q": "Ош"}).text
    assert "Ош" in found and "Каракол" not in found


def test_a_meeting_that_is_over_leaves_the_upcoming_list_the_next_day(client):
    now = datetime.datetime.now(tz=datetime.UTC)
    EventFactory(
        is_public=True,
        title_ru="Завтрашний семинар",
        starts_at=now + datetime.timedelta(hours=12),
        ends_at=now + datetime.timedelta(hours=14),
    )
    with time_machine.travel(now, tick=False):
        assert "Завтрашний семинар" in client.get("/ru/").text
    with time_machine.travel(now + datetime.timedelta(days=2), tick=False):
        assert "Завтрашний семинар" not in client.get("/ru/").text


def test_signed_in_staff_always_get_a_fresh_page(client, coordinator):
    MunicipalityFactory()
    client.force_login(coordinator)
    client.get("/ru/municipalities/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/ru/municipalities/").status_code == 200
    assert len(queries) > 0


def test_a_page_is_kept_once_it_is_sent_not_before(rf):
    """The client does not wait for the cache: the page is stored when the server closes the
    response after sending it."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.utils import translation

    from core.response_cache import PREFIX
    from partnerships.views import municipality_list

    MunicipalityFactory(name_ru="Нарын")
    request = rf.get("/ru/municipalities/", HTTP_HOST="testserver")
    request.user = AnonymousUser()
    with translation.override("ru"):
        response = municipality_list(request)
        assert response.status_code == 200 and not cache.keys(f"{PREFIX}*")
        response.close()
    assert len(cache.keys(f"{PREFIX}*")) == 1
