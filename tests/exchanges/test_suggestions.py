"""Partner suggestions: the expected order on a small hand-made set, and reasons in words."""

import datetime

import pytest
from django.utils import timezone, translation

from exchanges.suggestions import cached_suggestions, suggest_for_request, suggest_partners
from partnerships.choices import PartnershipStatus
from tests.events.factories import EventFactory
from tests.exchanges.factories import BestPracticeFactory, PartnerRequestFactory
from tests.partnerships.factories import (
    MunicipalityFactory,
    PartnershipFactory,
    RegionFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    tourism = SectorFactory(code="tourism", name_ru="Туризм", name_en="Tourism", order=1)
    education = SectorFactory(code="education", name_ru="Образование", name_en="Education", order=2)
    health = SectorFactory(code="health", name_ru="Здравоохранение", name_en="Health care", order=3)
    kg = RegionFactory(country="KG")
    ru = RegionFactory(country="RU", kind="krai")

    def town(name, region, population, sectors=(), **extra):
        municipality = MunicipalityFactory(
            name_ru=name, name_en=name, region=region, population=population, **extra
        )
        municipality.sectors.set(sectors)
        return municipality

    osh = town("Osh", kg, 300_000, [tourism, education])
    towns = {
        "A": town("A", ru, 300_000, [tourism, education]),
        "B": town("B", ru, 1_100_000, [tourism], seeking_partners=True),
        "C": town("C", ru, 290_000, [education]),
        "D": town("D", ru, 300_000),
        "E": town("E", ru, 300_000, [tourism, education]),
        "F": town("F", kg, 300_000, [tourism, education]),
        "G": town("G", ru, 310_000, [tourism, education]),
        "H": town("H", ru, 250_000, [health]),
    }
    BestPracticeFactory(municipality=towns["B"], sector=education)
    EventFactory(
        host_municipality=towns["C"],
        starts_at=timezone.now() - datetime.timedelta(days=200),
        ends_at=timezone.now() - datetime.timedelta(days=199),
    )
    PartnershipFactory(municipality_a=osh, municipality_b=towns["E"])
    PartnershipFactory(
        municipality_a=osh, municipality_b=towns["G"], status=PartnershipStatus.TERMINATED
    )
    return osh, towns, health


def test_candidates_are_ranked_in_the_expected_order(world):
    osh, _towns, _ = world
    names = [s.municipality.name for s in suggest_partners(municipality=osh)]
    # E has a live partnership with Osh and F is in the same country: both are left out.
    assert names == ["A", "G", "C", "B", "D", "H"]


def test_each_suggestion_says_why_in_the_pages_language(world):
    osh, _, _ = world
    with translation.override("en"):
        suggestions = {s.municipality.name: s for s in suggest_partners(municipality=osh)}
    assert suggestions["B"].reasons == [
        "shared sectors: Tourism",
        "best practices in: Education",
        "population 1.1 M vs 300 k",
        "is looking for partners",
    ]
    assert suggestions["C"].reasons[-1] == ("active: 1 event or exchange in the last 24 months")
    with translation.override("ru"):
        [first, *_] = suggest_partners(municipality=osh)
    assert first.reasons[0] == "общие сферы: Туризм, Образование"


def test_a_request_narrows_sectors_country_and_size(world):
    osh, _towns, health = world
    request = PartnerRequestFactory(
        municipality=osh, country="RU", population_min=200_000, population_max=400_000
    )
    request.sectors.set([health])
    names = [s.municipality.name for s in suggest_for_request(request=request)]
    assert names[0] == "H"
    assert "B" not in names  # 1.1 M is outside the range asked for


def test_ranking_is_one_query_plus_a_fixed_few_for_the_reasons(
    world, django_assert_max_num_queries
):
    # Sectors and live partners of the municipality, the ranking (ids and scores), then for the
    # suggestions shown: their rows, recent events and exchanges, shared sectors, best practices.
    osh, _, _ = world
    with django_assert_max_num_queries(7):
        suggest_partners(municipality=osh)


def test_cached_suggestions_follow_changes_and_the_language(world, django_assert_max_num_queries):
    osh, towns, _ = world
    with translation.override("en"):
        first = [s.municipality.name for s in cached_suggestions(municipality=osh)]
        assert first == ["A", "G", "C", "B", "D", "H"]
        with django_assert_max_num_queries(0):
            assert [s.municipality.name for s in cached_suggestions(municipality=osh)] == first
        # A new live partnership with A takes it out of the suggestions at once.
        PartnershipFactory(municipality_a=osh, municipality_b=towns["A"])
        assert "A" not in [s.municipality.name for s in cached_suggestions(municipality=osh)]
        english = cached_suggestions(municipality=osh)[0].reasons
    with translation.override("ru"):
        assert cached_suggestions(municipality=osh)[0].reasons != english
