"""API list pages are prepared on a connection, with their values (core.prepared_statements): the
first page of a list at its first read, other statements when they come again. The prepared page
is the page, each filter value its own statement planned once, and what PostgreSQL cannot
prepare, or a statement's own error, behaves as without preparing."""

import pytest
from django.db import DataError, connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from core import prepared_statements
from partnerships.models import Memorandum
from tests.api.test_json_rows import VIEWSETS
from tests.partnerships.factories import MunicipalityFactory, SectorFactory

pytestmark = pytest.mark.django_db

# Not from the response cache: every request reads its page.
uncached = override_settings(RESPONSE_CACHE_SECONDS=0)


@pytest.fixture(autouse=True)
def nothing_prepared(db):
    """The test's connection with nothing prepared, before and after the test."""

    def forget():
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")
        prepared_statements._sessions.pop(connection.connection, None)
        prepared_statements._unpreparable.clear()

    forget()
    yield
    forget()


def _prepared_on_server() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'portal\\_%%'"
        )
        return dict(cursor.fetchall())


def _names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


@uncached
def test_the_first_page_of_a_list_is_prepared_at_once_with_its_values(anon):
    MunicipalityFactory.create_batch(3, kyrgyz=True)
    MunicipalityFactory.create_batch(2, russian=True)
    pages, statements = [], []
    for _time in range(3):
        with CaptureQueriesContext(connection) as queries:
            pages.append(anon.get("/api/v1/municipalities/?country=KG").json())
        statements.append([query["sql"] for query in queries.captured_queries])

    assert pages[0]["count"] == 3 and pages[1] == pages[0] and pages[2] == pages[0]
    [(name, text)] = _prepared_on_server().items()
    assert text.startswith(f"PREPARE {name} AS WITH") and "country\" = 'KG'" in text
    # One query each time, from the first request on: the execution of the statement (its
    # PREPARE being connection setup), which has no parameters to plan it for.
    assert statements == [[f"EXECUTE {name}"]] * 3
    assert _plans() == [("{}", 3, 0)]


@uncached
def test_a_later_page_is_prepared_when_it_is_read_again(anon):
    MunicipalityFactory.create_batch(3, kyrgyz=True)
    pages = [anon.get("/api/v1/municipalities/?page_size=2&page=2").json() for _time in range(3)]

    assert pages[0]["count"] == 3 and len(pages[0]["results"]) == 1
    assert pages[1] == pages[0] and pages[2] == pages[0]
    # As text the first time (a client walking the pages may read each once), prepared the
    # second: its one plan served the second and third reads.
    assert _plans() == [("{}", 2, 0)]


def _plans() -> list[tuple[str, int, int]]:
    """Each prepared statement's parameter types, generic plans and custom plans made."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT parameter_types::text, generic_plans, custom_plans "
            "FROM pg_prepared_statements WHERE name LIKE 'portal\\_%%' ORDER BY name"
        )
        return cursor.fetchall()


@uncached
@pytest.mark.parametrize("who", ["anon", "coordinator_api"])
def test_every_list_is_prepared_with_its_typical_filters(request, who):
    client = request.getfixturevalue(who)
    memorandum = Memorandum.objects.create(slug="m", title_ru="М", signed_on="2017-06-01")
    sector = SectorFactory()
    filters = {
        "regions": "country=RU",
        "sectors": "search=тур",
        "municipalities": "country=KG",
        "goals": f"memorandum={memorandum.pk}",
        "partnerships": "health=dormant",  # dates in GREATEST: declared, not inferred
        "projects": "status=in_progress",
        "events": "date_from=2026-11-01&date_to=2026-12-01",
        "exchanges": "country=KG",
        "best-practices": f"sector={sector.pk}",
        "partner-requests": "status=open",
    }
    urls = [f"/api/v1/{prefix}/" for prefix, _viewset in VIEWSETS]
    urls += [f"/api/v1/{prefix}/?{query}" for prefix, query in filters.items()]
    urls += ["/api/v1/events/?lang=ky", "/api/v1/partnerships/?page_size=7&page=1"]

    for url in urls:
        first, again = client.get(url), client.get(url)
        with CaptureQueriesContext(connection) as queries:
            third = client.get(url)
        assert first.status_code == again.status_code == third.status_code == 200, url
        assert first.json() == again.json() == third.json(), url
        assert any(
            query["sql"].startswith("EXECUTE portal_") for query in queries.captured_queries
        ), url
    assert not prepared_statements._unpreparable


@uncached
def test_each_value_of_a_filter_is_its_own_statement_planned_once(anon):
    kyrgyz = MunicipalityFactory.create_batch(2, kyrgyz=True)
    russian = MunicipalityFactory.create_batch(3, russian=True)
    answers = {
        country: anon.get(f"/api/v1/municipalities/?country={country}")
        for country in ("KG", "RU", "KG", "RU", "KG")
    }

    assert sorted(_names(answers["KG"])) == sorted(m.name_ru for m in kyrgyz)
    assert sorted(_names(answers["RU"])) == sorted(m.name_ru for m in russian)
    assert answers["RU"].json()["count"] == 3
    # A plan for each country's share of the rows, made once: no custom plan at each execution.
    assert _plans() == [("{}", 3, 0), ("{}", 2, 0)]


def test_a_statement_postgres_cannot_prepare_runs_as_text_in_the_same_transaction():
    # PREPARE takes SELECT, INSERT, UPDATE, DELETE, MERGE and VALUES, not SHOW.
    sql = "SHOW standard_conforming_strings"
    assert connection.in_atomic_block  # the test's transaction, as a request's may be

    rows = [
        prepared_statements.fetch_all(connection, sql, [], recurring=True) for _time in range(2)
    ]

    assert rows == [[("on",)]] * 2
    # The transaction goes on: the failed PREPARE was rolled back to its savepoint.
    assert MunicipalityFactory().pk
    with CaptureQueriesContext(connection) as queries:
        assert prepared_statements.fetch_all(connection, sql, [], recurring=True) == [("on",)]
    assert [query["sql"] for query in queries.captured_queries] == [sql]
    assert _prepared_on_server() == {}


def test_an_error_of_the_statement_itself_is_raised_prepared_or_not():
    sql = "SELECT 1 / %s::int, 'ok %%'"
    # As text, then prepared: its plan is made at the EXECUTE, which raises.
    for _time in range(3):
        with pytest.raises(DataError, match="division by zero"), transaction.atomic():
            prepared_statements.fetch_all(connection, sql, [0])
    # Still prepared: an execution's error says nothing against the statement.
    assert list(_prepared_on_server().values()) == ["PREPARE portal_1 AS SELECT 1 / 0::int, 'ok %'"]
    assert not prepared_statements._unpreparable
    assert prepared_statements.fetch_all(connection, sql, [1], recurring=True) == [(1, "ok %")]


def test_a_connection_keeps_only_the_most_recently_used_statements(monkeypatch):
    monkeypatch.setattr(prepared_statements, "PER_CONNECTION", 2)
    first, second, third = (f"SELECT {number} + %s::int" for number in range(3))

    # Each prepared the second time; the first used again after the second was prepared.
    for sql in (first, first, second, second, first, third, third, first):
        number = int(sql.split()[1])
        assert prepared_statements.fetch_all(connection, sql, [10]) == [(number + 10,)]

    kept = sorted(text.split(" AS ", 1)[1] for text in _prepared_on_server().values())
    assert kept == ["SELECT 0 + 10::int", "SELECT 2 + 10::int"]


@override_settings(DATABASE_PREPARED_STATEMENTS=False)
def test_off_nothing_is_prepared(anon):
    MunicipalityFactory()
    for _time in range(3):
        assert prepared_statements.fetch_all(connection, "SELECT %s::int", [7]) == [(7,)]
        assert anon.get("/api/v1/municipalities/").json()["count"] == 1
    assert _prepared_on_server() == {}


# Outside the test's transaction, as a request is (the data kept for the tests that follow).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_session_that_lost_its_statements_starts_again_outside_a_transaction():
    assert not connection.in_atomic_block
    sql = "SELECT %s::int * 2"
    for _time in range(2):
        assert prepared_statements.fetch_all(connection, sql, [2]) == [(4,)]
    with connection.cursor() as cursor:
        cursor.execute("DISCARD ALL")  # as a pooler in transaction mode may

    # The prepared statement is gone: read as text, and the session starts again.
    with CaptureQueriesContext(connection) as queries:
        assert prepared_statements.fetch_all(connection, sql, [2]) == [(4,)]
    assert [query["sql"] for query in queries.captured_queries] == [
        "EXECUTE portal_1",
        "SELECT 2::int * 2",
    ]
    for _time in range(2):
        assert prepared_statements.fetch_all(connection, sql, [4]) == [(8,)]
    assert list(_prepared_on_server().values()) == ["PREPARE portal_1 AS SELECT 4::int * 2"]


def test_values_equal_in_python_but_written_differently_are_different_statements():
    # True == 1 == 1.0 in Python; the statements the driver writes are not the same.
    sql = "SELECT pg_typeof(%s)::text"
    answers = [
        prepared_statements.fetch_all(connection, sql, [value], recurring=True)
        for value in (True, 1, 1.0, True)
    ]

    assert answers == [[("boolean",)], [("integer",)], [("numeric",)], [("boolean",)]]
