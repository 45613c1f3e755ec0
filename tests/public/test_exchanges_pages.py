"""Public pages of the exchanges app: exchanges, best practices and the partner search board.

Every page in every language; public exchanges, published practices and open requests only; no
participant's or answerer's name or e-mail; queries that do not grow with the number of rows.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from core.choices import Country
from exchanges.choices import ExchangeKind, PartnerRequestStatus
from partnerships.choices import ProjectStatus
from tests.events.factories import EventFactory, ParticipantFactory
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
    RegionFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("ru", "ky", "en")
SECRET_NAME = "Zinaida Secretova-Participantova"
SECRET_EMAIL = "zinaida.never-shown@private.example"
ANSWER_EMAIL = "answerer.never-shown@private.example"


@pytest.fixture
def tourism():
    return SectorFactory(code="tourism-test", name_ru="Туризм", name_en="Tourism")


@pytest.fixture
def exchange(tourism):
    """A public youth exchange from Osh to Kazan with its event (which has participants)."""
    osh = MunicipalityFactory(name_ru="Ош", name_en="Osh", kyrgyz=True)
    kazan = MunicipalityFactory(name_ru="Казань", name_en="Kazan", russian=True)
    event = EventFactory(title_en="Welcome evening", host_municipality=kazan)
    ParticipantFactory(event=event, name=SECRET_NAME, email=SECRET_EMAIL)
    exchange = ExchangeFactory(
        title_ru="Молодёжный обмен Ош – Казань",
        title_en="Osh – Kazan youth exchange",
        programme_en="Visits to schools.",
        outcomes_en="A joint summer camp.",
        sending_municipality=osh,
        hosting_municipality=kazan,
        participants_count=24,
        youth_count=20,
        partnership=PartnershipFactory(municipality_a=osh, municipality_b=kazan),
        event=event,
        project=ProjectFactory(title_en="Youth bridges", status=ProjectStatus.IN_PROGRESS),
    )
    exchange.sectors.add(tourism)
    return exchange


@pytest.fixture
def practice(tourism):
    practice = BestPracticeFactory(
        title_ru="Электронная очередь в детские сады",
        title_ky="Бала бакчаларга электрондук кезек",
        title_en="Electronic kindergarten queue",
        summary_en="Parents see their place in the queue online.",
        body_en="How the queue was built.",
        sector=tourism,
        municipality=MunicipalityFactory(name_en="Bishkek", kyrgyz=True),
    )
    AdoptionFactory(
        practice=practice,
        municipality=MunicipalityFactory(name_en="Tomsk", russian=True),
        adopted_on=datetime.date(2026, 3, 1),
        result_en="Queues halved.",
    )
    return practice


@pytest.fixture
def partner_request(tourism):
    own = MunicipalityFactory(name_en="Karakol", kyrgyz=True, population=80_000)
    own.sectors.add(tourism)
    partner_request = PartnerRequestFactory(
        municipality=own,
        title_en="Karakol seeks a tourism partner",
        purpose_en="Exchange of experience in mountain tourism.",
        country=Country.RUSSIA,
        population_min=50_000,
        population_max=500_000,
        valid_until=datetime.date(2030, 12, 31),
        contact_name="Request Desk",
        contact_email="partners@karakol.example",
    )
    partner_request.sectors.add(tourism)
    PartnerRequestAnswerFactory(
        request=partner_request, contact_name=SECRET_NAME, contact_email=ANSWER_EMAIL
    )
    return partner_request


@pytest.fixture
def candidate(tourism):
    """A Russian town that suits the request: shared sector and similar size."""
    town = MunicipalityFactory(name_en="Sochi", russian=True, population=120_000)
    town.sectors.add(tourism)
    return town


def pages(exchange, practice, partner_request) -> list[str]:
    return [
        "exchanges/",
        f"exchanges/{exchange.pk}/",
        "best-practices/",
        f"best-practices/{practice.pk}/",
        "partner-search/",
        f"partner-search/{partner_request.pk}/",
    ]


def _names(client, url: str, marker: str) -> set[str]:
    return set(re.findall(rf"{marker} (\w+)", client.get(url).text))


# --- Every page, every language ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_renders_in_each_language(
    client, exchange, practice, partner_request, candidate, language
):
    for page in pages(exchange, practice, partner_request):
        response = client.get(f"/{language}/{page}")
        assert response.status_code == 200, page
        assert f'<html lang="{language}">' in response.text, page
        assert response.text.count("<h1") == 1, page


def test_no_participant_or_answerer_is_named(client, exchange, practice, partner_request):
    for language in LANGUAGES:
        for page in pages(exchange, practice, partner_request):
            text = client.get(f"/{language}/{page}").text
            assert SECRET_NAME not in text, page
            assert SECRET_EMAIL not in text, page
            assert ANSWER_EMAIL not in text, page


# --- Exchanges -----------------------------------------------------------------------------------


def test_exchange_detail_shows_the_exchange(client, exchange, tourism):
    page = client.get(f"/en/exchanges/{exchange.pk}/").text
    for text in (
        "Osh – Kazan youth exchange",
        "Youth exchange",
        "24 participants",
        "of them 20 under 30",
        "Visits to schools.",
        "A joint summer camp.",
        "Tourism",
        "Welcome evening",
        "Youth bridges",
    ):
        assert text in page, text
    for url in (
        f"/en/municipalities/{exchange.sending_municipality.pk}/",
        f"/en/municipalities/{exchange.hosting_municipality.pk}/",
        f"/en/partnerships/{exchange.partnership.pk}/",
        f"/en/events/{exchange.event.pk}/",
        f"/en/projects/{exchange.project.pk}/",
    ):
        assert f'href="{url}"' in page, url
    assert page.index(">Osh</a>") < page.index(">Kazan</a>")  # sending, then hosting


def test_exchange_links_only_to_public_records(client, exchange):
    exchange.event.is_public = False
    exchange.event.save()
    exchange.project.status = ProjectStatus.DRAFT
    exchange.project.save()
    page = client.get(f"/en/exchanges/{exchange.pk}/").text
    assert f"/events/{exchange.event.pk}/" not in page
    assert f"/projects/{exchange.project.pk}/" not in page


def test_non_public_exchanges_are_nowhere(client, exchange):
    hidden = ExchangeFactory(title_en="Hidden exchange", is_public=False)
    assert client.get(f"/en/exchanges/{hidden.pk}/").status_code == 404
    page = client.get("/en/exchanges/").text
    assert "Hidden exchange" not in page and "Osh – Kazan youth exchange" in page


def test_exchange_filters(client):
    kyrgyz = MunicipalityFactory(kyrgyz=True, name_ru="Талас", name_ky="Талас", name_en="Talas")
    russian_a = MunicipalityFactory(russian=True, name_ru="Тверь", name_en="Tver")
    russian_b = MunicipalityFactory(russian=True, name_ru="Тула", name_en="Tula")
    ExchangeFactory(
        title_en="Listed Youth",
        kind=ExchangeKind.YOUTH_EXCHANGE,
        sending_municipality=kyrgyz,
        hosting_municipality=russian_a,
    )
    ExchangeFactory(
        title_en="Listed Culture",
        kind=ExchangeKind.CULTURAL_EXCHANGE,
        sending_municipality=russian_a,
        hosting_municipality=russian_b,
        is_demo=True,
    )

    def names(query: str) -> set[str]:
        return _names(client, f"/en/exchanges/?{query}", "Listed")

    assert names("") == {"Youth", "Culture"}
    assert names("kind=cultural_exchange") == {"Culture"}
    assert names(f"country={Country.KYRGYZSTAN}") == {"Youth"}
    assert names(f"country={Country.RUSSIA}") == {"Youth", "Culture"}
    assert names(f"municipality={russian_b.pk}") == {"Culture"}
    assert names(f"municipality={russian_a.pk}") == {"Youth", "Culture"}
    assert names("municipality=nonsense") == {"Youth", "Culture"}
    assert names("place=тула") == {"Culture"}
    assert names("place=Talas") == {"Youth"}
    assert names("place=T") == {"Youth", "Culture"}
    assert '<span class="badge demo">demo</span>' in client.get("/en/exchanges/").text


# --- Best practices ------------------------------------------------------------------------------


def test_practice_detail_shows_body_and_adoptions(client, practice):
    page = client.get(f"/en/best-practices/{practice.pk}/").text
    for text in (
        "Electronic kindergarten queue",
        "Parents see their place in the queue online.",
        "How the queue was built.",
        "Bishkek",
        "Tourism",
        "Tomsk",
        "Queues halved.",
        "March 1, 2026",
    ):
        assert text in page, text
    adoption = practice.adoptions.get()
    assert f'href="/en/municipalities/{adoption.municipality.pk}/"' in page
    assert '<th scope="col">' in page and "<caption>" in page


def test_unpublished_practices_are_nowhere(client, practice):
    draft = BestPracticeFactory(title_en="Draft practice", is_published=False, published_on=None)
    assert client.get(f"/en/best-practices/{draft.pk}/").status_code == 404
    page = client.get("/en/best-practices/").text
    assert "Draft practice" not in page and "Electronic kindergarten queue" in page


def test_practice_search_covers_every_language(client, practice, tourism):
    other_sector = SectorFactory(code="transport-test", name_ru="Транспорт")
    BestPracticeFactory(
        title_ru="Маршрутки по расписанию",
        title_en="Listed Minibuses",
        summary_ru="Остановки с табло.",
        sector=other_sector,
        municipality=MunicipalityFactory(russian=True),
    )

    def finds(query: str) -> bool:
        return "Electronic kindergarten queue" in client.get(f"/en/best-practices/?{query}").text

    assert finds("q=kindergarten")  # English title
    assert finds("q=электрондук")  # Kyrgyz title
    assert finds("q=Очередь")  # Russian title, any case
    assert finds("q=place+in+the+queue")  # English summary
    assert not finds("q=minibus")
    assert finds(f"sector={tourism.pk}") and not finds(f"sector={other_sector.pk}")
    assert finds(f"country={Country.KYRGYZSTAN}") and not finds(f"country={Country.RUSSIA}")
    page = client.get("/en/best-practices/?q=табло").text
    assert "Listed Minibuses" in page and "Electronic kindergarten queue" not in page


# --- Partner search ------------------------------------------------------------------------------


def test_board_shows_open_requests_and_how_to_answer(client, partner_request, tourism):
    PartnerRequestFactory(
        title_en="Closed request",
        status=PartnerRequestStatus.CLOSED,
        closed_on=datetime.date(2026, 1, 1),
    )
    PartnerRequestFactory(title_en="Expired request", valid_until=datetime.date(2020, 1, 1))
    page = client.get("/en/partner-search/").text
    assert "Karakol seeks a tourism partner" in page
    assert "Closed request" not in page and "Expired request" not in page
    for text in ("Tourism", "Russia", "population 50,000 to 500,000", "Dec. 31, 2030"):
        assert text in page, text
    assert "How to answer" in page
    assert "/api/v1/partner-requests/{id}/answers/" in page
    assert "1 answer" in page


def test_closed_requests_have_no_page(client):
    closed = PartnerRequestFactory(
        status=PartnerRequestStatus.FULFILLED, closed_on=datetime.date(2026, 1, 1)
    )
    expired = PartnerRequestFactory(valid_until=datetime.date(2020, 1, 1))
    assert client.get(f"/en/partner-search/{closed.pk}/").status_code == 404
    assert client.get(f"/en/partner-search/{expired.pk}/").status_code == 404


def test_request_detail_suggests_partners_with_reasons(client, partner_request, candidate):
    far = MunicipalityFactory(name_en="Listed Elsewhere", kyrgyz=True)  # same country: never
    far.sectors.add(*partner_request.sectors.all())
    page = client.get(f"/en/partner-search/{partner_request.pk}/").text
    assert f'href="/en/municipalities/{candidate.pk}/"' in page
    assert "shared sectors: Tourism" in page
    assert "population 120 k vs 80 k" in page
    assert "Listed Elsewhere" not in page
    assert f"/api/v1/partner-requests/{partner_request.pk}/answers/" in page
    assert 'href="mailto:partners@karakol.example"' in page
    russian = client.get(f"/ru/partner-search/{partner_request.pk}/").text
    assert "общие сферы" in russian or "shared sectors" in russian


# --- Queries do not grow with the rows -----------------------------------------------------------


def _rows(count: int, sector) -> None:
    for _n in range(count):
        exchange = ExchangeFactory()
        exchange.sectors.add(sector)
        practice = BestPracticeFactory(sector=sector)
        AdoptionFactory(practice=practice, municipality=MunicipalityFactory(russian=True))
        partner_request = PartnerRequestFactory()
        partner_request.sectors.add(sector)
        PartnerRequestAnswerFactory(request=partner_request)


# The most is a partner request's page: the request, its sectors and answers, then the partner
# suggestions (ranking, the rows shown, their activity, sectors and practices).
MAX_QUERIES = 10


@pytest.mark.parametrize(
    "url",
    [
        "/ru/exchanges/",
        "/ru/exchanges/?country=RU",
        "/ru/best-practices/",
        "/ru/best-practices/?q=а",
        "/ru/partner-search/",
    ],
)
def test_list_queries_stay_flat(client, tourism, url, django_assert_max_num_queries):
    def count() -> int:
        with (
            django_assert_max_num_queries(MAX_QUERIES),
            CaptureQueriesContext(connection) as queries,
        ):
            assert client.get(url).status_code == 200
        return len(queries)

    _rows(3, tourism)
    few = count()
    _rows(27, tourism)
    assert count() == few


def test_detail_queries_are_fixed(
    client, exchange, practice, partner_request, candidate, django_assert_max_num_queries
):
    for page in pages(exchange, practice, partner_request)[1::2]:
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get(f"/ru/{page}")


def test_sitemap_lists_the_public_pages(client, exchange, practice, partner_request):
    hidden = ExchangeFactory(is_public=False)
    draft = BestPracticeFactory(is_published=False, published_on=None)
    for section, path in (
        ("exchanges", f"exchanges/{exchange.pk}/"),
        ("practices", f"best-practices/{practice.pk}/"),
        ("requests", f"partner-search/{partner_request.pk}/"),
    ):
        sitemap = client.get(f"/sitemap-{section}.xml").text
        for language in LANGUAGES:
            assert f"http://testserver/{language}/{path}" in sitemap
        assert f"/exchanges/{hidden.pk}/" not in sitemap
        assert f"/best-practices/{draft.pk}/" not in sitemap


@override_settings(RESPONSE_CACHE_SECONDS=0)
def test_the_board_and_a_request_list_its_sectors_in_their_order_and_the_language(client):
    # Listed by their order, not by code.
    names = (
        ("a-tourism", "Туризм", "Туризм", 2),
        ("b-education", "Образование", "Билим берүү", 1),
        ("c-sport", "Спорт", "", 3),
    )
    sectors = [
        SectorFactory(code=code, name_ru=ru, name_ky=ky, order=order)
        for code, ru, ky, order in names
    ]
    partner_request = PartnerRequestFactory(title_ru="Ищем побратима")
    partner_request.sectors.add(*sectors)
    PartnerRequestFactory(title_ru="Ищем кого угодно")

    board = "/{language}/partner-search/"
    page = board + f"{partner_request.pk}/"
    for url in (board, page):
        russian = client.get(url.format(language="ru")).content.decode()
        kyrgyz = client.get(url.format(language="ky")).content.decode()
        assert "<li>Образование</li><li>Туризм</li><li>Спорт</li>" in russian, url
        # Sport has no Kyrgyz name: the Russian one.
        assert "<li>Билим берүү</li><li>Туризм</li><li>Спорт</li>" in kyrgyz, url
    # The request without sectors.
    assert "Любая сфера" in client.get(board.format(language="ru")).content.decode()


def test_board_and_library_rows_are_in_the_page_language_with_the_russian_fallback(client):
    region = RegionFactory(name_ru="Иссык-Кульская область", name_ky="Ысык-Көл облусу")
    karakol = MunicipalityFactory(region=region, name_ru="Каракол", name_ky="", name_en="Karakol")
    request = PartnerRequestFactory(
        municipality=karakol, title_ru="Ищем партнёра по туризму", title_ky="", is_demo=True
    )
    PartnerRequestAnswerFactory.create_batch(2, request=request)
    practice = BestPracticeFactory(
        municipality=karakol,
        sector=SectorFactory(name_ru="Туризм", name_ky="Туризм иши"),
        title_ru="Гостевые дома",
        title_ky="Конок үйлөр",
        summary_ru="Сеть гостевых домов.",
    )
    AdoptionFactory(practice=practice)

    board = client.get("/ky/partner-search/").text
    assert f'href="/ky/partner-search/{request.pk}/">Ищем партнёра по туризму</a>' in board
    assert f'href="/ky/municipalities/{karakol.pk}/">Каракол</a>' in board
    assert "(Ысык-Көл облусу, Кыргызстан)" in board
    assert 'class="badge demo"' in board

    library = client.get("/ky/best-practices/").text
    assert f'href="/ky/best-practices/{practice.pk}/">Конок үйлөр</a>' in library
    assert "Туризм иши · " in library and "Сеть гостевых домов." in library
    assert f'href="/ky/municipalities/{karakol.pk}/">Каракол</a> (Кыргызстан)' in library

    english = client.get("/en/partner-search/").text
    assert ">Karakol</a>" in english and "2 answers" in english
    assert "2 отклика" in client.get("/ru/partner-search/").text
