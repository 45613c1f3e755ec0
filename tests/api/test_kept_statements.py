"""A process keeps the statement of a list page it has made (core.api.kept_statements): the
page asked for again is read by that statement, from the data as it is now; a statement serves
only the same query string, language and reader; one whose making looked rows up is made anew
for every request."""

import django_filters
import pytest
from django.test import override_settings

from core.api import kept_statements
from core.api.viewsets import PortalModelViewSet
from core.filters import PortalFilterSet
from partnerships.api.views import GoalViewSet
from partnerships.choices import ProjectStatus
from partnerships.models import Goal, Memorandum
from tests.partnerships.factories import MunicipalityFactory, ProjectFactory

pytestmark = pytest.mark.django_db

# Not from the response cache: every request reads its page.
uncached = override_settings(RESPONSE_CACHE_SECONDS=0)


@pytest.fixture(autouse=True)
def nothing_kept():
    kept_statements._statements.clear()
    yield
    kept_statements._statements.clear()


@pytest.fixture
def filterings(monkeypatch) -> list[str]:
    """The paths of the requests whose lists were filtered (their statement made)."""
    filtered = []
    original = PortalModelViewSet.filter_queryset

    def noted(view, queryset):
        filtered.append(view.request.get_full_path())
        return original(view, queryset)

    monkeypatch.setattr(PortalModelViewSet, "filter_queryset", noted)
    return filtered


def _names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


@uncached
def test_a_page_asked_again_runs_its_kept_statement_over_the_data_as_it_is(anon, filterings):
    first = MunicipalityFactory(kyrgyz=True, name_ru="Ош")
    MunicipalityFactory(russian=True, name_ru="Тверь")
    url = "/api/v1/municipalities/?country=KG"

    assert _names(anon.get(url, HTTP_ACCEPT_LANGUAGE="ru")) == ["Ош"]
    MunicipalityFactory(kyrgyz=True, name_ru="Каракол")
    first.name_ru = "Ош шаары"
    first.save()
    again = anon.get(url, HTTP_ACCEPT_LANGUAGE="ru")

    assert _names(again) == ["Каракол", "Ош шаары"] and again.json()["count"] == 2
    assert filterings == [url]  # the second request did not filter: its statement was kept


@uncached
def test_a_kept_statement_serves_only_its_query_language_and_reader(
    anon, coordinator_api, filterings
):
    MunicipalityFactory(kyrgyz=True, name_ru="Нарын", name_ky="Нарын шаары")
    MunicipalityFactory(russian=True, name_ru="Тверь", name_ky="")
    ProjectFactory(title_ru="Опубликованный")
    ProjectFactory(title_ru="Черновик", status=ProjectStatus.DRAFT)

    assert _names(anon.get("/api/v1/municipalities/?country=KG", HTTP_ACCEPT_LANGUAGE="ru")) == [
        "Нарын"
    ]
    assert _names(anon.get("/api/v1/municipalities/?country=RU", HTTP_ACCEPT_LANGUAGE="ru")) == [
        "Тверь"
    ]
    assert _names(anon.get("/api/v1/municipalities/?country=KG", HTTP_ACCEPT_LANGUAGE="ky")) == [
        "Нарын шаары"
    ]
    # Kyrgyz without a Kyrgyz name falls back to Russian, as it does when made anew.
    assert _names(anon.get("/api/v1/municipalities/?country=RU", HTTP_ACCEPT_LANGUAGE="ky")) == [
        "Тверь"
    ]

    def titles(client) -> list[str]:
        response = client.get("/api/v1/projects/", HTTP_ACCEPT_LANGUAGE="ru")
        return sorted(row["title"] for row in response.json()["results"])

    assert titles(anon) == ["Опубликованный"]
    assert titles(coordinator_api) == ["Опубликованный", "Черновик"]
    assert titles(anon) == ["Опубликованный"]
    assert len(filterings) == 6  # each made once, the anonymous projects' page kept


class _GoalsByMemorandumFound(PortalFilterSet):
    """A filter that validates its value by looking the memorandum up."""

    memorandum = django_filters.ModelChoiceFilter(queryset=Memorandum.objects.all(), distinct=False)

    class Meta:
        model = Goal
        fields = ["memorandum"]


@uncached
def test_a_statement_made_with_a_lookup_is_made_anew_for_every_request(
    anon, filterings, monkeypatch
):
    monkeypatch.setattr(GoalViewSet, "filterset_class", _GoalsByMemorandumFound)
    memorandum = Memorandum.objects.create(slug="m", title_ru="М", signed_on="2017-06-01")
    Goal.objects.create(memorandum=memorandum, number="2.1", short_name_ru="Цель")
    url = f"/api/v1/goals/?memorandum={memorandum.pk}"

    found = anon.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert found.status_code == 200 and [row["number"] for row in found.json()["results"]] == [
        "2.1"
    ]
    Goal.objects.all().delete()
    memorandum.delete()
    gone = anon.get(url, HTTP_ACCEPT_LANGUAGE="ru")

    # The lookup runs again and finds no memorandum: the client hears that its value is wrong,
    # not an empty page that a kept statement would have given.
    assert gone.status_code == 400 and "memorandum" in gone.json()
    assert filterings == [url, url] and not kept_statements._statements


@uncached
def test_a_process_keeps_the_statements_used_last(anon, filterings, monkeypatch):
    monkeypatch.setattr(kept_statements._statements, "size", 2)
    MunicipalityFactory(kyrgyz=True)
    urls = [f"/api/v1/municipalities/?page_size={size}" for size in (5, 6, 7)]

    for url in [*urls, urls[2], urls[1], urls[0]]:
        assert anon.get(url).status_code == 200

    # 5, 6, 7 made; 7 and 6 kept and used; 5, forgotten as the least recently used, made again.
    assert filterings == [*urls, urls[0]]
    assert len(kept_statements._statements) == 2


class _GoalsOfOneMemorandum(_GoalsByMemorandumFound):
    """The same lookup, with DISTINCT: the database does not write such a list, DRF does."""

    memorandum = django_filters.ModelChoiceFilter(queryset=Memorandum.objects.all(), distinct=True)


@uncached
def test_a_list_the_database_cannot_write_is_filtered_once(
    anon, filterings, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(GoalViewSet, "filterset_class", _GoalsOfOneMemorandum)
    memorandum = Memorandum.objects.create(slug="m", title_ru="М", signed_on="2017-06-01")
    Goal.objects.create(memorandum=memorandum, number="2.1", short_name_ru="Цель")
    url = f"/api/v1/goals/?memorandum={memorandum.pk}"

    with django_assert_num_queries(3):  # the memorandum looked up once, the count, the page
        response = anon.get(url, HTTP_ACCEPT_LANGUAGE="ru")

    assert [row["number"] for row in response.json()["results"]] == ["2.1"]
    assert filterings == [url] and not kept_statements._statements
