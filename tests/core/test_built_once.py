"""Selectors built once per language (core.query.built_once) give a fresh copy on every call:
it reads the data as it is when it runs, what one caller filters does not reach the next, and
names are in the language of the call."""

import pytest
from django.utils import translation

from exchanges.selectors import best_practice_cards
from partnerships.selectors import project_cards
from tests.exchanges.factories import AdoptionFactory, BestPracticeFactory
from tests.partnerships.factories import MunicipalityFactory, ProjectParticipationFactory

pytestmark = pytest.mark.django_db


def _titles(queryset) -> list[str]:
    return [practice.title_ru for practice in queryset.order_by("title_ru")]


def test_each_call_reads_the_data_as_it_is_then_and_keeps_its_own_filters():
    first = BestPracticeFactory(title_ru="Архив")
    assert [card.title_ru for card in best_practice_cards()] == ["Архив"]
    assert _titles(best_practice_cards().filter(title_ru="Нет такой")) == []

    BestPracticeFactory(title_ru="Библиотека")
    AdoptionFactory(practice=first)

    cards = {card.title_ru: card.adoption_count for card in best_practice_cards()}
    assert cards == {"Архив": 1, "Библиотека": 0}


def test_names_are_in_the_language_of_each_call():
    participation = ProjectParticipationFactory(
        municipality=MunicipalityFactory(name_ru="Ош", name_ky="Ош шаары")
    )

    def municipality_names(language: str) -> list[str]:
        with translation.override(language):
            return project_cards().get(pk=participation.project_id).municipality_names

    assert municipality_names("ru") == ["Ош"]
    assert municipality_names("ky") == ["Ош шаары"]
    assert municipality_names("ru") == ["Ош"]


def test_columns_built_per_language_name_rows_in_the_language_of_each_call():
    """A list page's columns are built once per language and serve every later call: the
    directory names a town in each language in turn, however often it is asked."""
    from partnerships.models import Municipality
    from partnerships.selectors import directory_rows

    town = MunicipalityFactory(name_ru="Ош", name_ky="Ош шаары", name_en="Osh")
    page = Municipality.objects.filter(pk=town.pk)
    for language, name in [("ky", "Ош шаары"), ("en", "Osh"), ("ru", "Ош"), ("ky", "Ош шаары")]:
        with translation.override(language):
            assert [row["name"] for row in directory_rows(page)] == [name]
