"""List pages asked for again run the SQL of their count and rows as the process kept it
(core/kept_queries.py): they show the data as it is now, in the language asked, as of the day
asked, whatever their filters have come to mean, and the page number they resolve to now."""

import datetime
import re

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from core import kept_queries
from partnerships.models import Municipality
from tests.exchanges.factories import PartnerRequestFactory
from tests.partnerships.factories import MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db

# Not from the response cache: every request renders its page.
uncached = override_settings(RESPONSE_CACHE_SECONDS=0)


@pytest.fixture(autouse=True)
def nothing_kept():
    kept_queries._kept.clear()
    yield
    kept_queries._kept.clear()


def shown(response) -> list[str]:
    """The texts of the page's result count and its municipality links."""
    assert response.status_code == 200
    html = response.content.decode()
    count = re.search(r'id="result-count">([^<]*)<', html).group(1)
    names = re.findall(r'<a href="/\w\w/municipalities/\d+/">([^<]+)</a>', html)
    return [count.strip(), *names]


@uncached
def test_a_page_asked_again_shows_the_data_as_it_is_now(client):
    MunicipalityFactory(name_ru="Ош", kyrgyz=True)
    assert shown(client.get("/ru/municipalities/")) == ["Найден 1 муниципалитет", "Ош"]
    MunicipalityFactory(name_ru="Бишкек", kyrgyz=True)
    town = Municipality.objects.get(name_ru="Ош")
    town.name_ru = "Ош шаары"
    town.save()
    assert shown(client.get("/ru/municipalities/")) == [
        "Найдено 2 муниципалитета",
        "Бишкек",
        "Ош шаары",
    ]
    assert kept_queries._kept, "the second request ran the kept SQL"


@uncached
def test_each_language_reads_its_own_names(client):
    MunicipalityFactory(name_ru="Каракол", name_ky="Каракол шаары", name_en="Karakol")
    client.get("/ru/municipalities/")
    assert shown(client.get("/en/municipalities/"))[1:] == ["Karakol"]
    assert shown(client.get("/ky/municipalities/"))[1:] == ["Каракол шаары"]
    assert shown(client.get("/ru/municipalities/"))[1:] == ["Каракол"]


@uncached
def test_a_filter_naming_a_record_that_is_gone_no_longer_filters(client):
    naryn = RegionFactory(name_ru="Нарынская область")
    MunicipalityFactory(name_ru="Нарын", region=naryn)
    MunicipalityFactory(name_ru="Ош", kyrgyz=True)
    url = f"/ru/municipalities/?region={naryn.pk}"
    assert shown(client.get(url))[1:] == ["Нарын"]
    Municipality.objects.filter(region=naryn).update(region=RegionFactory())
    naryn.delete()
    # Not the kept "region = N" (no rows): the form now refuses the region, the list is whole.
    assert shown(client.get(url))[1:] == ["Нарын", "Ош"]


@uncached
def test_a_page_past_the_end_is_the_last_page_as_it_is_now(client):
    for number in range(31):
        MunicipalityFactory(name_ru=f"Посёлок {number:02}")
    assert shown(client.get("/ru/municipalities/?page=9"))[1:] == ["Посёлок 30"]
    for number in range(31, 61):
        MunicipalityFactory(name_ru=f"Посёлок {number:02}")
    # Page 9 is now page 3, not the page 2 kept from before.
    assert shown(client.get("/ru/municipalities/?page=9"))[1:] == ["Посёлок 60"]


@uncached
def test_the_board_drops_a_request_whose_day_has_passed(client):
    today = timezone.localdate()
    PartnerRequestFactory(title_ru="Ищем побратима", valid_until=today)
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(12)), tick=False):
        assert "Ищем побратима" in client.get("/ru/partner-search/").content.decode()
        assert "Ищем побратима" in client.get("/ru/partner-search/").content.decode()
    tomorrow = today + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(tomorrow, datetime.time(12)), tick=False):
        assert "Ищем побратима" not in client.get("/ru/partner-search/").content.decode()


@uncached
def test_a_page_asked_again_is_not_compiled_again(client, monkeypatch):
    compiled = []
    original = kept_queries._compiled

    def noted(queryset):
        compiled.append(queryset.model.__name__)
        return original(queryset)

    monkeypatch.setattr(kept_queries, "_compiled", noted)
    MunicipalityFactory(name_ru="Ош", kyrgyz=True)
    first = client.get("/ru/municipalities/?country=KG")
    again = client.get("/ru/municipalities/?country=KG")
    assert again.content == first.content
    assert compiled == ["Municipality"]
