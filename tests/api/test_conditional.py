"""ETag / Last-Modified with 304 on reads, If-Match with 412 on writes."""

import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from tests.events.factories import EventFactory
from tests.partnerships.factories import MunicipalityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_list_etag_gives_304_until_something_shown_changes(anon):
    town = MunicipalityFactory(name_ru="Нарын")
    first = anon.get("/api/v1/municipalities/")
    etag = first["ETag"]
    assert first.status_code == 200 and first["Last-Modified"]
    again = anon.get("/api/v1/municipalities/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    # Another language is another representation.
    assert (
        anon.get("/api/v1/municipalities/", {"lang": "en"}, HTTP_IF_NONE_MATCH=etag).status_code
        == 200
    )
    town.population = 40_000
    town.save()
    changed = anon.get("/api/v1/municipalities/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_change_of_a_related_record_changes_the_lists_etag(anon):
    link = PartnershipFactory()
    etag = anon.get("/api/v1/partnerships/")["ETag"]
    link.municipality_b.name_ru = "Переименован"
    link.municipality_b.save()
    response = anon.get("/api/v1/partnerships/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["results"][0]["municipality_b_summary"]["name"] == "Переименован"


def test_a_partnership_gone_dormant_overnight_is_not_modified_no_more(anon):
    """Health depends on the day (its window), not only on the rows: a list's validator too."""
    today = datetime.datetime.now(tz=datetime.UTC)
    PartnershipFactory()
    with time_machine.travel(today, tick=False):
        etag = anon.get("/api/v1/partnerships/")["ETag"]
        assert anon.get("/api/v1/partnerships/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    with time_machine.travel(today + datetime.timedelta(days=1), tick=False):
        assert anon.get("/api/v1/partnerships/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_if_modified_since(anon):
    MunicipalityFactory()
    first = anon.get("/api/v1/municipalities/")
    since = first["Last-Modified"]
    assert anon.get("/api/v1/municipalities/", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    assert (
        anon.get(
            "/api/v1/municipalities/", HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT"
        ).status_code
        == 200
    )


def test_detail_etag_and_if_match(coordinator_api):
    town = MunicipalityFactory(population=10_000)
    url = f"/api/v1/municipalities/{town.pk}/"
    read = coordinator_api.get(url)
    etag = read["ETag"]
    assert coordinator_api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # Another system changes the record in between.
    town.population = 11_000
    town.save()
    stale = coordinator_api.patch(url, {"population": 12_000}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    town.refresh_from_db()
    assert town.population == 11_000
    fresh = coordinator_api.get(url)["ETag"]
    ok = coordinator_api.patch(url, {"population": 12_000}, format="json", HTTP_IF_MATCH=fresh)
    assert ok.status_code == 200
    assert coordinator_api.delete(url, HTTP_IF_MATCH=fresh).status_code == 412


def vary(response) -> set[str]:
    return {name.strip() for name in response.get("Vary", "").split(",") if name.strip()}


def test_every_answer_varies_by_who_asks_and_in_what_language(anon, coordinator):
    """What an API client may see depends on its token or session: a shared cache must not give
    one client's answer to another, errors included (a hidden record is 404 to the public)."""
    hidden = EventFactory(is_public=False)
    listing = anon.get("/api/v1/events/")
    not_modified = anon.get("/api/v1/events/", HTTP_IF_NONE_MATCH=listing["ETag"])
    not_found = anon.get(f"/api/v1/events/{hidden.pk}/")
    invalid = anon.get("/api/v1/events/", {"date_from": "not a date"})
    assert [listing.status_code, not_modified.status_code, not_found.status_code] == [200, 304, 404]
    assert invalid.status_code == 400
    for response in (listing, not_modified, not_found, invalid):
        assert {"Accept-Language", "Authorization", "Cookie"} <= vary(response)
    # The same address with a session cookie of a signed-in coordinator: the record.
    signed_in = APIClient()
    signed_in.force_login(coordinator)
    assert signed_in.get(f"/api/v1/events/{hidden.pk}/").json()["id"] == hidden.pk


def test_allow_names_the_methods_of_each_route(anon, coordinator_api):
    town = MunicipalityFactory()
    for _again in range(2):  # worked out once per route: the second answers must not mix them
        listing = coordinator_api.options("/api/v1/municipalities/")
        detail = anon.get(f"/api/v1/municipalities/{town.pk}/")
        reference = anon.get("/api/v1/sectors/")
        assert listing["Allow"] == "GET, POST, HEAD, OPTIONS"
        assert detail["Allow"] == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"
        assert reference["Allow"] == "GET, POST, HEAD, OPTIONS"
