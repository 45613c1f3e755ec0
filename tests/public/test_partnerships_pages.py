"""Public pages of the partnerships app: every language, public records only, flat queries."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from partnerships.choices import ProjectStatus
from partnerships.models import Municipality
from tests.events.factories import EventFactory, ParticipantFactory
from tests.partnerships.factories import (
    MunicipalityFactory,
    PartnershipFactory,
    ProjectFactory,
    ProjectParticipationFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("ru", "ky", "en")


@pytest.fixture
def registry():
    import io

    call_command("load_reference_data", "--demo", stdout=io.StringIO())


def pages() -> list[str]:
    bishkek = Municipality.objects.get(official_code="41711000000000")
    link = bishkek.partnerships_as_a.first()
    project = ProjectFactory(status=ProjectStatus.IN_PROGRESS)
    ProjectParticipationFactory(project=project, municipality=bishkek)
    return [
        "",
        "municipalities/",
        f"municipalities/{bishkek.pk}/",
        "partnerships/",
        f"partnerships/{link.pk}/",
        "projects/",
        f"projects/{project.pk}/",
        "memorandum/",
        "statistics/",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_renders_in_each_language(client, registry, language):
    for page in pages():
        response = client.get(f"/{language}/{page}")
        assert response.status_code == 200, page
        assert f'<html lang="{language}">' in response.text, page
        # Every page offers the same page in the other languages.
        for other in LANGUAGES:
            assert f'hreflang="{other}" href="http://testserver/{other}/{page}"' in response.text


def test_the_root_sends_visitors_to_their_language(client):
    assert client.get("/", headers={"accept-language": "ky"})["Location"] == "/ky/"


def test_home_shows_figures_map_and_upcoming_events(client, registry):
    response = client.get("/ru/")
    figures = response.context["figures"]
    assert figures["municipalities"] == {
        "KG": Municipality.objects.filter(region__country="KG").count(),
        "RU": Municipality.objects.filter(region__country="RU").count(),
    }
    assert figures["live_partnerships"] == 16
    page = response.text
    assert 'id="home-map"' in page and "vendor/leaflet/leaflet.js" in page
    assert "Демо: круглый стол" in page  # the demo round table in ten days
    data = client.get("/ru/map.json").json()
    assert data["links"] and data["municipalities"]
    bishkek = next(m for m in data["municipalities"] if m["names"]["ru"] == "Бишкек")
    assert bishkek["country"] == "KG" and round(bishkek["lat"], 2) == 42.87


def test_directory_filters_and_searches_names_in_any_language(client, registry):
    def found(language, **params) -> set[str]:
        page = client.get(f"/{language}/municipalities/", params)
        ids = [town["id"] for town in page.context["page_obj"]]
        return set(Municipality.objects.filter(pk__in=ids).values_list("name_ru", flat=True))

    assert found("en", q="Бишк") == {"Бишкек"}
    assert ">Bishkek</a>" in client.get("/en/municipalities/", {"q": "Бишк"}).text
    assert found("ru", q="Rostov") == {"Ростов-на-Дону"}
    assert found("ru", country="KG", kind="national_city") == {"Бишкек", "Ош"}


def test_municipality_page_shows_partners_with_health_and_suggestions(client, registry):
    bishkek = Municipality.objects.get(official_code="41711000000000")
    page = client.get(f"/ru/municipalities/{bishkek.pk}/").text
    assert "Уфа" in page and "Екатеринбург" in page
    assert "badge active" in page or "badge dormant" in page
    assert "Предлагаемые партнёры" in page or "suggestions-title" in page


def test_only_public_records_and_no_personal_data(client):
    town = MunicipalityFactory(name_ru="Нарын")
    ProjectParticipationFactory(
        project=ProjectFactory(title_ru="Черновик проекта", status=ProjectStatus.DRAFT),
        municipality=town,
    )
    event = EventFactory(host_municipality=town, title_ru="Открытое совещание")
    ParticipantFactory(event=event, name="Секретный Участник", email="secret@example.org")
    hidden = EventFactory(host_municipality=town, is_public=False, title_ru="Закрытое совещание")
    page = client.get(f"/ru/municipalities/{town.pk}/").text
    assert "Открытое совещание" in page
    assert "Закрытое совещание" not in page and "Черновик проекта" not in page
    assert "secret@example.org" not in page and "Секретный Участник" not in page
    assert client.get(f"/ru/events/{hidden.pk}/").status_code == 404


# The rendering path: the response cache (tests/public/test_page_cache.py) is off, or every read
# after the first would cost no query at all.
render_every_time = override_settings(RESPONSE_CACHE_SECONDS=0)


def _queries(client, url) -> int:
    client.get(url)  # warm the caches of figures and stamps
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/ru/municipalities/", lambda: MunicipalityFactory()),
        ("/ru/partnerships/", lambda: PartnershipFactory()),
        (
            "/ru/projects/",
            lambda: (
                ProjectParticipationFactory(
                    project=ProjectFactory(status=ProjectStatus.IN_PROGRESS)
                ).project
            ),
        ),
    ],
)
@render_every_time
def test_list_pages_do_not_query_per_row(client, url, make, django_assert_max_num_queries):
    for _ in range(3):
        make()
    small = _queries(client, url)
    for _ in range(27):
        make()
    client.get(url)  # warm again: the new rows' regions renew the filter options
    with django_assert_max_num_queries(small):
        client.get(url)


@render_every_time
def test_municipality_page_does_not_query_per_row(client, django_assert_max_num_queries):
    town = MunicipalityFactory(kyrgyz=True)

    def grow():
        partner = MunicipalityFactory(russian=True)
        PartnershipFactory(municipality_a=town, municipality_b=partner)
        EventFactory(host_municipality=town)
        ProjectParticipationFactory(project=ProjectFactory(), municipality=town)

    for _ in range(2):
        grow()
    small = _queries(client, f"/ru/municipalities/{town.pk}/")
    for _ in range(8):
        grow()
    client.get(f"/ru/municipalities/{town.pk}/")  # warm the caches again, as for `small`
    with django_assert_max_num_queries(small):
        client.get(f"/ru/municipalities/{town.pk}/")


@render_every_time
def test_home_figures_are_cached_and_follow_changes(
    client, registry, django_assert_max_num_queries
):
    client.get("/ru/")
    before = client.get("/ru/").context["figures"]["live_partnerships"]
    PartnershipFactory()
    assert client.get("/ru/").context["figures"]["live_partnerships"] == before + 1


def test_sitemap_and_robots(client, registry):
    robots = client.get("/robots.txt").text
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    index = client.get("/sitemap.xml").text
    assert "sitemap-municipalities.xml" in index
    municipalities = client.get("/sitemap-municipalities.xml").text
    assert "/ky/municipalities/" in municipalities and 'hreflang="ky"' in municipalities


def test_filter_options_follow_new_regions_and_the_language(client, django_assert_max_num_queries):
    RegionFactory(name_ru="Чуйская область", name_ky="Чүй облусу", country="KG")
    assert "Чуйская область</option>" in client.get("/ru/municipalities/").content.decode()
    with override_settings(RESPONSE_CACHE_SECONDS=0), django_assert_max_num_queries(2):
        # The options are kept: the count and the page of rows are all that is read.
        client.get("/ru/municipalities/?q=Чуй")
    RegionFactory(name_ru="Иссык-Кульская область", name_ky="Ысык-Көл облусу", country="KG")
    assert "Иссык-Кульская область</option>" in client.get("/ru/municipalities/").content.decode()
    kyrgyz = client.get("/ky/municipalities/").content.decode()
    assert "Ысык-Көл облусу</option>" in kyrgyz and "Чүй облусу</option>" in kyrgyz


@render_every_time
def test_the_project_list_names_the_participants_in_their_order_and_the_language(client):
    project = ProjectFactory(status=ProjectStatus.IN_PROGRESS, title_ru="Общий проект")
    for name_ru, name_ky in (("Ош", "Ош шаары"), ("Казань", ""), ("Бишкек", "Бишкек шаары")):
        town = MunicipalityFactory(name_ru=name_ru, name_ky=name_ky)
        ProjectParticipationFactory(project=project, municipality=town)
    ProjectFactory(status=ProjectStatus.IN_PROGRESS, title_ru="Проект без участников")

    russian = client.get("/ru/projects/").content.decode()
    kyrgyz = client.get("/ky/projects/").content.decode()

    assert "Ош, Казань, Бишкек" in russian
    # Kazan has no Kyrgyz name: the Russian one, as everywhere on the portal.
    assert "Ош шаары, Казань, Бишкек шаары" in kyrgyz
    assert "Проект без участников" in russian


@pytest.mark.django_db
def test_directory_rows_name_each_town_in_the_page_language_with_the_russian_fallback(client):
    region = RegionFactory(name_ru="Ошская область", name_ky="Ош облусу", name_en="Osh Region")
    MunicipalityFactory(
        region=region,
        name_ru="Араван",
        name_ky="",
        name_en="Aravan",
        kind="rural",
        population=12345,
        seeking_partners=True,
    )
    kyrgyz = client.get("/ky/municipalities/").text
    assert ">Араван</a>" in kyrgyz  # no Kyrgyz name: the Russian one
    assert "Ош облусу · Кыргызстан" in kyrgyz
    english = client.get("/en/municipalities/").text
    assert ">Aravan</a>" in english and "Osh Region · Kyrgyzstan" in english
    assert "seeking partners" in english and "population 12,345" in english
    russian = client.get("/ru/municipalities/").text
    assert "Ошская область · Кыргызстан" in russian and "население: 12\xa0345" in russian
