"""`load_reference_data`: the memorandum, parties, real municipalities and links, idempotent."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import translation

from core.choices import Country, DatePrecision
from partnerships.choices import MunicipalityKind, PartnershipKind, PartnershipStatus
from partnerships.models import (
    ActivityType,
    Goal,
    Memorandum,
    Municipality,
    Partnership,
    Project,
    Region,
)

pytestmark = pytest.mark.django_db


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_reference_data", *args, stdout=out)
    return out.getvalue()


def test_the_2017_memorandum_is_loaded_with_its_goals_and_signatories():
    load()
    memorandum = Memorandum.objects.get()
    assert memorandum.signed_on == datetime.date(2017, 7, 12)
    assert memorandum.place_ru == "г. Бишкек, Кыргызская Республика"
    assert memorandum.languages == ["ky", "ru"]
    assert "общественной дипломатии" in memorandum.text_ru
    assert "bookmark" not in memorandum.text_ru
    signatories = {
        s.party.code: (s.person_name_ru, s.position_en) for s in memorandum.signatories.all()
    }
    assert signatories == {
        "GAMSUMO": ("Салиев Бахтияр Усманович", "Director of the Agency"),
        "URC": ("Мошаров Станислав Иванович", "President of the Union of Russian Cities"),
    }
    assert list(Goal.objects.values_list("number", flat=True)) == [
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "2.5",
        "2.6",
        "2.7",
    ]
    assert list(ActivityType.objects.values_list("number", flat=True)) == [
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "3.5",
        "3.6",
    ]
    # Every goal reads in all three languages.
    for goal in Goal.objects.all():
        assert goal.text_ru and goal.text_ky and goal.text_en


def test_municipalities_of_both_countries_with_their_sources():
    load()
    bishkek = Municipality.objects.get(official_code="41711000000000")
    assert (bishkek.name_ru, bishkek.name_ky, bishkek.name_en) == ("Бишкек", "Бишкек", "Bishkek")
    assert bishkek.kind == MunicipalityKind.CAPITAL_CITY
    assert bishkek.region.code == "KG-GB" and bishkek.country == Country.KYRGYZSTAN
    assert bishkek.population == 1012500 and bishkek.population_year == 2019
    assert bishkek.source

    ufa = Municipality.objects.get(name_ru="Уфа")
    assert ufa.region.name_ru == "Республика Башкортостан"
    assert ufa.name_en == "Ufa" and ufa.timezone == "Asia/Yekaterinburg"
    assert Region.objects.get(name_ru="Удмуртская Республика").country == Country.RUSSIA

    # A cell no source gave stays empty: Manas has no Kyrgyz name, so it falls back to Russian.
    manas = Municipality.objects.get(name_ru="Манас")
    assert manas.name_ky is None or manas.name_ky == ""
    with translation.override("ky"):
        assert manas.name == "Манас"


def test_known_links_are_modelled_honestly():
    output = load()
    links = {
        (p.municipality_a.name_ru, p.municipality_b.name_ru, p.kind): p
        for p in Partnership.objects.select_related("municipality_a", "municipality_b")
    }
    assert len(links) == 16

    ufa = links[("Бишкек", "Уфа", PartnershipKind.TWINNING)]
    assert ufa.status == PartnershipStatus.ACTIVE
    assert ufa.signed_on == datetime.date(2017, 7, 13)

    chelyabinsk = links[("Бишкек", "Челябинск", PartnershipKind.TWINNING)]
    assert chelyabinsk.signed_on_precision == DatePrecision.YEAR
    assert chelyabinsk.signed_on.year == 2018

    orenburg = links[("Бишкек", "Оренбург", PartnershipKind.TWINNING)]
    assert orenburg.status == PartnershipStatus.PROPOSED and orenburg.signed_on is None

    kumertau = links[("Каракол", "Кумертау", PartnershipKind.COOPERATION_AGREEMENT)]
    assert kumertau.status == PartnershipStatus.NEGOTIATING

    # Osh and Rostov-on-Don: a protocol of intent, then a twinning agreement.
    assert ("Ош", "Ростов-на-Дону", PartnershipKind.PROTOCOL_OF_INTENT) in links
    assert ("Ош", "Ростов-на-Дону", PartnershipKind.TWINNING) in links

    # District-level links are between districts, not their centres.
    yelabuga = links[("Иссык-Кульский район", "Елабужский район", PartnershipKind.TWINNING)]
    assert yelabuga.municipality_b.kind == MunicipalityKind.DISTRICT

    # Links with a legislature or a region are not partnerships of municipalities.
    assert "Законодательное Собрание" in output and "Челябинская область" in output


def test_loading_twice_changes_nothing():
    load("--demo")
    before = {
        "updated": sorted(Municipality.objects.values_list("updated", flat=True)),
        "history": Municipality.history.count() + Partnership.history.count(),
        "partnerships": Partnership.objects.count(),
    }
    output = load("--demo")
    after = {
        "updated": sorted(Municipality.objects.values_list("updated", flat=True)),
        "history": Municipality.history.count() + Partnership.history.count(),
        "partnerships": Partnership.objects.count(),
    }
    assert before == after
    assert " 0 created, 0 updated" in output and " created" not in output.replace(" 0 created", "")


def test_demo_records_only_on_request_and_marked():
    load()
    assert not Project.objects.exists()
    load("--demo")
    assert Project.objects.exists()
    assert set(Project.objects.values_list("is_demo", flat=True)) == {True}
    assert all(
        title.startswith("Демо") for title in Project.objects.values_list("title_ru", flat=True)
    )
